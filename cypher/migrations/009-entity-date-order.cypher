// Pages of entities by start or end year (`entities(orderBy: {field: START|END})` without `asOf`) read the first
// `first` entries of these indexes in order from the cursor, instead of sorting every entity of the kinds asked.
// An undated entity has no year, and a node without a property is in no index on it: the keys are `startOrder`
// and `endOrder`, which the storage codec gives every entity (its year, or 100000 when undated; model/codec.ts).
// `kind` leads, so that one pair of indexes serves every set of kinds: a page seeks each kind asked (each an
// equality, read in order) and merges, as pages as of a date seek entity_kind_time_bounds; a pair per label, as
// pages by name have (004), would be 26 indexes to keep up on every load. Entities stored before this migration
// get their keys from the code that follows it (cypher/sort-keys-backfill.ts).
CREATE INDEX entity_kind_start_order IF NOT EXISTS FOR (e:Entity) ON (e.kind, e.startOrder, e.name, e.id);
CREATE INDEX entity_kind_end_order IF NOT EXISTS FOR (e:Entity) ON (e.kind, e.endOrder, e.name, e.id);
