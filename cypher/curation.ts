import type { RelationProps } from '../model/codec.ts';
import type { EntityKind } from '../model/kinds.ts';
import { claimsWithId, type ClaimedItems } from './claims.ts';
import { cypher } from './query.ts';
import type { EntityRow, RelationRow } from './rows.ts';

/**
 * Queries of curation (services/curation/), beside the loader's upserts (cypher/ingest.ts) that it
 * writes with. None splices in a label or type: every value is a parameter.
 *
 * `SET x._lock = true REMOVE x._lock` changes nothing but takes Neo4j's write lock on x until the
 * transaction ends, so a read-check-write cannot interleave with another curator's (no lost update,
 * no relation to an entity deleted meanwhile).
 */

/** What the dataset `$dataset` claims of the item `$id` on a claim node, if it shares the item with others (cypher/claims.ts). */
const ownClaim = (items: ClaimedItems) => `CALL () {
     OPTIONAL MATCH ${claimsWithId(items, 'c', '$id', ', dataset: $dataset')}
     RETURN c {.*} AS own
   }`;

/** An entity, locked, with curation's own claim if others claim it too; no row for an unknown id. */
export const lockEntity = cypher<{ id: string; dataset: string }, { entity: EntityRow; own: EntityRow | null }>(
  'curation.lockEntity',
  `MATCH (e:Entity {id: $id})
   SET e._lock = true REMOVE e._lock
   WITH e
   ${ownClaim('entities')}
   RETURN e {.*} AS entity, own`,
);

/** The kinds of the entities a relation joins, each locked so it stays until the relation is written. */
export const lockEntityKinds = cypher<{ ids: readonly string[] }, { id: string; kind: EntityKind }>(
  'curation.lockEntityKinds',
  `UNWIND $ids AS id
   MATCH (e:Entity {id: id})
   SET e._lock = true REMOVE e._lock
   RETURN e.id AS id, e.kind AS kind`,
);

/**
 * Takes an id for a new entity: the `entity_id` uniqueness constraint makes a second claim of the
 * same id fail, where the loader's MERGE would quietly update the entity another request created.
 */
export const claimEntityId = cypher<{ id: string }, never>('curation.claimEntityId', `CREATE (:Entity {id: $id})`);

type RelationKey = { from: string; to: string; id: string };

/** A relation by its id and ends (found from the start node, not by scanning every relationship), locked, with curation's own claim. */
export const lockRelation = cypher<RelationKey & { dataset: string }, { relation: RelationRow; own: RelationProps | null }>(
  'curation.lockRelation',
  `MATCH (a:Entity {id: $from})-[r {id: $id}]->(b:Entity {id: $to})
   SET r._lock = true REMOVE r._lock
   WITH a, r, b
   ${ownClaim('relations')}
   RETURN r {.*, type: type(r), from: a {.*}, to: b {.*}} AS relation, own`,
);

export const relationById = cypher<RelationKey, { relation: RelationRow }>(
  'curation.relationById',
  `MATCH (a:Entity {id: $from})-[r {id: $id}]->(b:Entity {id: $to})
   RETURN r {.*, type: type(r), from: a {.*}, to: b {.*}} AS relation`,
);

/** Deletes a relation with every dataset's claim of it. */
export const deleteRelation = cypher<RelationKey, { deleted: number }>(
  'curation.deleteRelation',
  `OPTIONAL MATCH (a:Entity {id: $from})-[r {id: $id}]->(b:Entity {id: $to})
   DELETE r
   WITH count(r) AS deleted
   CALL (deleted) {
     MATCH ${claimsWithId('relations', 'c', '$id')} WHERE deleted > 0
     DELETE c
   }
   RETURN deleted`,
);
