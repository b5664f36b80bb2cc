// Range indexes behind the kind filter, date ranges and the timeline's order.
CREATE INDEX entity_kind IF NOT EXISTS FOR (e:Entity) ON (e.kind, e.id);
CREATE INDEX entity_start_year IF NOT EXISTS FOR (e:Entity) ON (e.startYear);
CREATE INDEX treaty_start_year IF NOT EXISTS FOR (t:Treaty) ON (t.startYear);
CREATE INDEX entity_dataset IF NOT EXISTS FOR (e:Entity) ON (e.dataset);
CREATE INDEX migration_id IF NOT EXISTS FOR (m:Migration) ON (m.id);
