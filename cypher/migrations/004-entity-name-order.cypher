// Pages of entities by name (`entities`, all or of one kind) read the first `first` entries of these
// indexes in order instead of sorting every entity of the label: one (name, id) index per label the
// page query matches, i.e. `Entity` and each kind.
CREATE INDEX entity_name_order IF NOT EXISTS FOR (e:Entity) ON (e.name, e.id);
CREATE INDEX empire_name_order IF NOT EXISTS FOR (e:Empire) ON (e.name, e.id);
CREATE INDEX state_name_order IF NOT EXISTS FOR (e:State) ON (e.name, e.id);
CREATE INDEX treaty_name_order IF NOT EXISTS FOR (e:Treaty) ON (e.name, e.id);
CREATE INDEX person_name_order IF NOT EXISTS FOR (e:Person) ON (e.name, e.id);
CREATE INDEX group_name_order IF NOT EXISTS FOR (e:Group) ON (e.name, e.id);
CREATE INDEX region_name_order IF NOT EXISTS FOR (e:Region) ON (e.name, e.id);
CREATE INDEX pass_name_order IF NOT EXISTS FOR (e:Pass) ON (e.name, e.id);
CREATE INDEX border_name_order IF NOT EXISTS FOR (e:Border) ON (e.name, e.id);
CREATE INDEX event_name_order IF NOT EXISTS FOR (e:Event) ON (e.name, e.id);
CREATE INDEX organisation_name_order IF NOT EXISTS FOR (e:Organisation) ON (e.name, e.id);
CREATE INDEX policy_name_order IF NOT EXISTS FOR (e:Policy) ON (e.name, e.id);
CREATE INDEX source_name_order IF NOT EXISTS FOR (e:Source) ON (e.name, e.id);
