// As-of questions ("what held in 1870?") seek the days an entity may have held: from the earliest day it can
// have started (`startEarliest`) to the latest it can have ended (`endLatest`); see model/time-bounds.ts.
// `entities` as of a date seeks the first index (all kinds) or the second (the kinds asked, each an equality
// seek), `treaties` the third. Facts stored before this migration get their bounds from the code that follows it
// (cypher/time-bounds-backfill.ts).
CREATE INDEX entity_time_bounds IF NOT EXISTS FOR (e:Entity) ON (e.startEarliest, e.endLatest);
CREATE INDEX entity_kind_time_bounds IF NOT EXISTS FOR (e:Entity) ON (e.kind, e.startEarliest, e.endLatest);
CREATE INDEX treaty_time_bounds IF NOT EXISTS FOR (t:Treaty) ON (t.startEarliest, t.endLatest);
