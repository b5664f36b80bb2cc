// The change log (cypher/changes.ts): one Change per curated write and per dataset load or removal. Each has a
// place in the log, `sequence`, that a follower reads onwards from (a range seek on this constraint's index) and
// that no two changes share; and an `id` that stays the same across an export and a restore.
CREATE CONSTRAINT change_sequence IF NOT EXISTS FOR (c:Change) REQUIRE c.sequence IS UNIQUE;
CREATE CONSTRAINT change_id IF NOT EXISTS FOR (c:Change) REQUIRE c.id IS UNIQUE;
// A curated change names the item it changed (`subject`): who added an item, and who changed it last, by a seek.
// A property, not a relationship: the many queries that read every relationship must not meet the log's.
CREATE INDEX change_subject IF NOT EXISTS FOR (c:Change) ON (c.subject);
// The one counter that hands out sequences, locked by every write that records a change until it commits.
CREATE CONSTRAINT change_counter_id IF NOT EXISTS FOR (n:ChangeCounter) REQUIRE n.id IS UNIQUE;
MERGE (n:ChangeCounter {id: 'changes'}) ON CREATE SET n.last = 0;
