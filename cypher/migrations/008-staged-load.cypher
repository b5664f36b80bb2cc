// A large first load is written in batches as Staged nodes, which no reader matches (services/ingest/staged-load.ts),
// and published in one transaction that relabels them. Its batches find relation ends, and a rerun what is done, by id.
CREATE INDEX staged_id IF NOT EXISTS FOR (s:Staged) ON (s.id);
CREATE INDEX staged_for IF NOT EXISTS FOR (s:Staged) ON (s.stagedFor);
