import type { EntityProps, Props, RelationProps } from '../model/codec.ts';
import { cypher } from './query.ts';

/**
 * What each dataset claims of an item (model/claims.ts). An item one dataset claims holds its claim itself
 * (`dataset` set, no `datasets`); an item several claim holds their merge, and each claim is a `Claim` node
 * with the item's id and the claimant's `dataset`. Entity claims have a `kind`, relation claims none.
 */

/** Each dataset's claims, for the API: only items several datasets claim have any. A document's text stays behind. */
export const claimsById = cypher<{ ids: readonly string[] }, { id: string; claims: Props[] }>(
  'claims.byId',
  `UNWIND $ids AS id
   MATCH (c:Claim {id: id})
   RETURN id, collect(c {.*, text: null}) AS claims`,
);

/** An entity as stored (null if there is none) with every Claim of it, for a write that changes one claim. */
export const entityClaimState = cypher<{ ids: readonly string[] }, { id: string; item: Props | null; claims: Props[] }>(
  'claims.entityState',
  `UNWIND $ids AS id
   OPTIONAL MATCH (e:Entity {id: id})
   CALL (id) {
     OPTIONAL MATCH (c:Claim {id: id})
     RETURN collect(c {.*}) AS claims
   }
   RETURN id, e {.*} AS item, claims`,
);

export type RelationKey = { readonly id: string; readonly from: string; readonly to: string };

/** The same for relations, each found from its start node. */
export const relationClaimState = cypher<{ rows: readonly RelationKey[] }, { id: string; item: Props | null; claims: Props[] }>(
  'claims.relationState',
  `UNWIND $rows AS row
   OPTIONAL MATCH (:Entity {id: row.from})-[r {id: row.id}]->(:Entity {id: row.to})
   CALL (row) {
     OPTIONAL MATCH (c:Claim {id: row.id})
     RETURN collect(c {.*}) AS claims
   }
   RETURN row.id AS id, r {.*} AS item, claims`,
);

/** Replaces every Claim of the items `ids` with `claims` (none when one dataset alone is left). */
export const replaceClaims = cypher<{ ids: readonly string[]; claims: readonly Props[] }, never>(
  'claims.replace',
  `CALL () {
     UNWIND $ids AS id
     MATCH (c:Claim {id: id})
     DELETE c
   }
   CALL () {
     UNWIND $claims AS props
     CREATE (c:Claim)
     SET c = props
   }`,
);

/** Relations no dataset claims any more, found from their start nodes. */
export const deleteRelations = cypher<{ rows: readonly RelationKey[] }, never>(
  'claims.deleteRelations',
  `UNWIND $rows AS row
   MATCH (:Entity {id: row.from})-[r {id: row.id}]->(:Entity {id: row.to})
   DELETE r`,
);

/**
 * The claims of one dataset: the items it alone claims, then its Claim nodes. `project` makes the RETURN of
 * the variable it is given; entities and relations are told apart by the `kind` that only entities have.
 */
function claimsOfDataset(items: 'entities' | 'relations', project: (variable: string) => string): string {
  const alone =
    items === 'entities' ? `MATCH (item:Entity {dataset: $dataset}) WHERE item.datasets IS NULL` : `MATCH ()-[item]->() WHERE item.dataset = $dataset AND item.datasets IS NULL`;
  const claimed = `MATCH (c:Claim {dataset: $dataset}) WHERE c.kind IS ${items === 'entities' ? 'NOT NULL' : 'NULL'}`;
  return `${alone} RETURN ${project('item')} UNION ALL ${claimed} RETURN ${project('c')}`;
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
