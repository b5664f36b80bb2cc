import type { EntityProps, Props, RelationProps } from '../model/codec.ts';
import { cypher, type CypherQuery } from './query.ts';

/**
 * What each dataset claims of an item (model/claims.ts). An item one dataset claims holds its claim itself
 * (`dataset` set, no `datasets`); an item several claim holds their merge, and each claim is a node labelled
 * `Claim` and `EntityClaim` or `RelationClaim`, with the item's id and the claimant's `dataset` (migration 005).
 */
export type ClaimedItems = 'entities' | 'relations';

export const CLAIM_LABELS: Readonly<Record<ClaimedItems, string>> = { entities: 'EntityClaim', relations: 'RelationClaim' };

/**
 * The claim nodes of the item with the id `id` (an expression) as `variable`, by a seek in their id index. The
 * index is not unique, so the cost-based planner weighs it against a label scan by statistics: a plan made while
 * there were no claims scanned them all for each item once there were many (a removal of a 4,000-entity dataset
 * shared with another took 100 s instead of 8). The hint keeps it a seek.
 */
export function claimsWithId(items: ClaimedItems, variable: string, id: string, more = ''): string {
  const label = CLAIM_LABELS[items];
  return `(${variable}:${label} {id: ${id}${more}}) USING INDEX SEEK ${variable}:${label}(id)`;
}

/** Each dataset's claims, for the API: only items several datasets claim have any. A document's text stays behind. */
export const claimsById = cypher<{ entityIds: readonly string[]; relationIds: readonly string[] }, { id: string; claims: Props[] }>(
  'claims.byId',
  `CALL () {
     UNWIND $entityIds AS id
     MATCH ${claimsWithId('entities', 'c', 'id')}
     RETURN id, c
     UNION ALL
     UNWIND $relationIds AS id
     MATCH ${claimsWithId('relations', 'c', 'id')}
     RETURN id, c
   }
   RETURN id, collect(c {.*, text: null}) AS claims`,
);

/**
 * One lock for every change to claims: curated writes take it first, a load at its start, so neither merges from
 * claims the other is about to change. `SET … REMOVE` changes nothing but takes the node's write lock until the
 * transaction ends; the constraint of migration 005 keeps the node one.
 */
export const lockClaims = cypher<Record<string, never>, never>(
  'claims.lock',
  `MERGE (lock:ClaimLock {id: 'claims'})
   SET lock.taken = true REMOVE lock.taken`,
);

/** A Claim node as read for a change: its element id, by which the change finds it again without an index, and its props. */
export type StoredClaim = { readonly node: string; readonly props: Props };

export type ClaimState = { id: string; item: Props | null; claims: StoredClaim[] };

/** An entity as stored (null if there is none) with every Claim of it, for a write that changes one claim. */
export const entityClaimState = cypher<{ ids: readonly string[] }, ClaimState>(
  'claims.entityState',
  `UNWIND $ids AS id
   OPTIONAL MATCH (e:Entity {id: id})
   CALL (id) {
     OPTIONAL MATCH ${claimsWithId('entities', 'c', 'id')}
     RETURN [claim IN collect(c) | {node: elementId(claim), props: claim {.*}}] AS claims
   }
   RETURN id, e {.*} AS item, claims`,
);

export type RelationKey = { readonly id: string; readonly from: string; readonly to: string };

/** The same for relations, each found from its start node. */
export const relationClaimState = cypher<{ rows: readonly RelationKey[] }, ClaimState>(
  'claims.relationState',
  `UNWIND $rows AS row
   OPTIONAL MATCH (:Entity {id: row.from})-[r {id: row.id}]->(:Entity {id: row.to})
   CALL (row) {
     OPTIONAL MATCH ${claimsWithId('relations', 'c', 'row.id')}
     RETURN [claim IN collect(c) | {node: elementId(claim), props: claim {.*}}] AS claims
   }
   RETURN row.id AS id, r {.*} AS item, claims`,
);

/** Sets the props of the claim nodes `changed` (found by element id) and creates `created`: one statement per kind of item, whose label it creates. */
export const writeClaims: ReadonlyMap<ClaimedItems, CypherQuery<{ changed: readonly { node: string; props: Props }[]; created: readonly Props[] }, never>> = new Map(
  (['entities', 'relations'] as const).map((items) => [
    items,
    cypher(
      `claims.write${CLAIM_LABELS[items]}`,
      `CALL () {
         UNWIND $changed AS change
         MATCH (c:Claim) WHERE elementId(c) = change.node
         SET c = change.props
       }
       CALL () {
         UNWIND $created AS props
         CREATE (c:Claim:${CLAIM_LABELS[items]})
         SET c = props
       }`,
    ),
  ]),
);

/** Deletes claim nodes by element id. */
export const deleteClaims = cypher<{ nodes: readonly string[] }, never>(
  'claims.delete',
  `UNWIND $nodes AS node
   MATCH (c:Claim) WHERE elementId(c) = node
   DELETE c`,
);

/** Relations no dataset claims any more, found from their start nodes. */
export const deleteRelations = cypher<{ rows: readonly RelationKey[] }, never>(
  'claims.deleteRelations',
  `UNWIND $rows AS row
   MATCH (:Entity {id: row.from})-[r {id: row.id}]->(:Entity {id: row.to})
   DELETE r`,
);

/** The claims of one dataset: the items it alone claims, then its claim nodes. `project` makes the RETURN of the variable it is given. */
function claimsOfDataset(items: ClaimedItems, project: (variable: string) => string): string {
  const alone =
    items === 'entities' ? `MATCH (item:Entity {dataset: $dataset}) WHERE item.datasets IS NULL` : `MATCH ()-[item]->() WHERE item.dataset = $dataset AND item.datasets IS NULL`;
  const label = CLAIM_LABELS[items];
  return `${alone} RETURN ${project('item')} UNION ALL MATCH (c:${label} {dataset: $dataset}) USING INDEX SEEK c:${label}(dataset) RETURN ${project('c')}`;
}

/** What a reload compares against: the id and hash of each item the dataset claims (`alone`: no other does). */
type ClaimHash = { id: string; hash: string | null; alone: boolean };
const claimHash = (v: string) => `${v}.id AS id, ${v}.hash AS hash, ${v === 'item'} AS alone`;

export const datasetEntityClaims = cypher<{ dataset: string }, ClaimHash>('claims.datasetEntities', claimsOfDataset('entities', claimHash));

/** Reads every relation to find those of the dataset (a relationship index per type would avoid it): once per load. */
export const datasetRelationClaims = cypher<{ dataset: string }, ClaimHash>('claims.datasetRelations', claimsOfDataset('relations', claimHash));

/** Every claim of a dataset in full, documents' texts included: what an export writes. */
export const datasetEntityClaimsInFull = cypher<{ dataset: string }, { claim: EntityProps }>('claims.datasetEntitiesInFull', claimsOfDataset('entities', (v) => `${v} {.*} AS claim`));

export const datasetRelationClaimsInFull = cypher<{ dataset: string }, { claim: RelationProps }>(
  'claims.datasetRelationsInFull',
  claimsOfDataset('relations', (v) => `${v} {.*} AS claim`),
);
