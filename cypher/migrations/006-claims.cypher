// What each dataset claims of an item that several datasets claim (model/claims.ts): one Claim node per
// dataset and item, labelled EntityClaim or RelationClaim too, found by the item's id (to merge) and by its
// dataset (to reload, remove or export it). Entity and relation claims have indexes of their own: Neo4j seeks
// an index more slowly the more of its nodes a transaction has changed, and a load changes many of one kind.
CREATE CONSTRAINT claim_key IF NOT EXISTS FOR (c:Claim) REQUIRE (c.id, c.dataset) IS UNIQUE;
CREATE INDEX entity_claim_id IF NOT EXISTS FOR (c:EntityClaim) ON (c.id);
CREATE INDEX entity_claim_dataset IF NOT EXISTS FOR (c:EntityClaim) ON (c.dataset);
CREATE INDEX relation_claim_id IF NOT EXISTS FOR (c:RelationClaim) ON (c.id);
CREATE INDEX relation_claim_dataset IF NOT EXISTS FOR (c:RelationClaim) ON (c.dataset);
// A loaded dataset's name and description, for exports.
CREATE CONSTRAINT dataset_id IF NOT EXISTS FOR (d:Dataset) REQUIRE d.id IS UNIQUE;
// The one node every change to claims locks first (cypher/claims.ts, lockClaims).
CREATE CONSTRAINT claim_lock_id IF NOT EXISTS FOR (l:ClaimLock) REQUIRE l.id IS UNIQUE;
