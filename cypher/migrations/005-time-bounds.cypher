// As-of questions ("what held in 1870?") over a label seek the days an entity may have held: from the earliest
// day it can have started (`startEarliest`) to the latest it can have ended (`endLatest`); see
// model/time-bounds.ts. One index per label an as-of list matches (`entities`, all or of some kinds; `treaties`).
// Facts stored before this migration get their bounds from the code that follows it (cypher/time-bounds-backfill.ts).
CREATE INDEX entity_time_bounds IF NOT EXISTS FOR (e:Entity) ON (e.startEarliest, e.endLatest);
CREATE INDEX empire_time_bounds IF NOT EXISTS FOR (e:Empire) ON (e.startEarliest, e.endLatest);
CREATE INDEX state_time_bounds IF NOT EXISTS FOR (e:State) ON (e.startEarliest, e.endLatest);
CREATE INDEX treaty_time_bounds IF NOT EXISTS FOR (e:Treaty) ON (e.startEarliest, e.endLatest);
CREATE INDEX person_time_bounds IF NOT EXISTS FOR (e:Person) ON (e.startEarliest, e.endLatest);
CREATE INDEX group_time_bounds IF NOT EXISTS FOR (e:Group) ON (e.startEarliest, e.endLatest);
CREATE INDEX region_time_bounds IF NOT EXISTS FOR (e:Region) ON (e.startEarliest, e.endLatest);
CREATE INDEX pass_time_bounds IF NOT EXISTS FOR (e:Pass) ON (e.startEarliest, e.endLatest);
CREATE INDEX border_time_bounds IF NOT EXISTS FOR (e:Border) ON (e.startEarliest, e.endLatest);
CREATE INDEX event_time_bounds IF NOT EXISTS FOR (e:Event) ON (e.startEarliest, e.endLatest);
CREATE INDEX organisation_time_bounds IF NOT EXISTS FOR (e:Organisation) ON (e.startEarliest, e.endLatest);
CREATE INDEX policy_time_bounds IF NOT EXISTS FOR (e:Policy) ON (e.startEarliest, e.endLatest);
CREATE INDEX source_time_bounds IF NOT EXISTS FOR (e:Source) ON (e.startEarliest, e.endLatest);
