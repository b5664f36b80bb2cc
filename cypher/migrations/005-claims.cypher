// What each dataset claims of an item that several datasets claim (model/claims.ts): one Claim node per
// dataset and item, found by the item's id (to merge) and by its dataset (to reload, remove or export it).
CREATE CONSTRAINT claim_key IF NOT EXISTS FOR (c:Claim) REQUIRE (c.id, c.dataset) IS UNIQUE;
CREATE INDEX claim_id IF NOT EXISTS FOR (c:Claim) ON (c.id);
CREATE INDEX claim_dataset IF NOT EXISTS FOR (c:Claim) ON (c.dataset);
// A loaded dataset's name and description, for exports.
CREATE CONSTRAINT dataset_id IF NOT EXISTS FOR (d:Dataset) REQUIRE d.id IS UNIQUE;
