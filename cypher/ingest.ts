import type { Props } from '../model/codec.ts';
import { ENTITY_KINDS, type EntityKind } from '../model/kinds.ts';
import { RELATION_TYPES, type RelationType } from '../model/relations.ts';
import { cypher, type CypherQuery } from './query.ts';

/** Queries of the loader. Labels and relationship types are spliced in only from the model's allow-lists. */

export type ExistingEntity = { id: string; kind: EntityKind; hash: string | null; dataset: string | null; datasets: string[] | null };

/** `datasets` is set when several datasets claim the entity (cypher/claims.ts). */
export const existingEntities = cypher<{ ids: string[] }, ExistingEntity>(
  'ingest.existingEntities',
  `UNWIND $ids AS id
   MATCH (e:Entity {id: id})
   RETURN e.id AS id, e.kind AS kind, e.hash AS hash, e.dataset AS dataset, e.datasets AS datasets`,
);

/** One query per kind or relation type, named `ingest.<verb><label>`: labels and types cannot be parameters. */
function oneEach<K extends string, P extends Record<string, unknown>, R>(
  labels: readonly K[],
  verb: string,
  text: (label: K) => string,
): ReadonlyMap<K, CypherQuery<P, R>> {
  return new Map(labels.map((label) => [label, cypher<P, R>(`ingest.${verb}${label}`, text(label))]));
}

const ALL_KIND_LABELS = ENTITY_KINDS.join(':');

/** One upsert per kind: `SET e = props` replaces every property, so a field removed from a fixture goes too. */
export const upsertEntities = oneEach<EntityKind, { rows: { id: string; props: Props }[] }, never>(
  ENTITY_KINDS,
  'upsert',
  (kind) =>
    `UNWIND $rows AS row
     MERGE (e:Entity {id: row.id})
     SET e = row.props
     REMOVE e:${ALL_KIND_LABELS}
     SET e:${kind}`,
);

/**
 * Entities no database holds yet (the loader looked their ids up in the same transaction): CREATE
 * needs no lookup and no label juggling, and the id constraint still refuses a duplicate at commit.
 */
export const createEntities = oneEach<EntityKind, { rows: Props[] }, never>(
  ENTITY_KINDS,
  'create',
  (kind) =>
    `UNWIND $rows AS props
     CREATE (e:Entity:${kind})
     SET e = props`,
);

export const upsertRelations = oneEach<RelationType, { rows: { id: string; from: string; to: string; props: Props }[] }, { missing: string }>(
  RELATION_TYPES,
  'upsert',
  (type) =>
    `UNWIND $rows AS row
     OPTIONAL MATCH (a:Entity {id: row.from})
     OPTIONAL MATCH (b:Entity {id: row.to})
     CALL (row, a, b) {
       WITH row, a, b WHERE a IS NOT NULL AND b IS NOT NULL
       MERGE (a)-[r:${type} {id: row.id}]->(b)
       SET r = row.props
     }
     WITH row, a, b WHERE a IS NULL OR b IS NULL
     RETURN row.id AS missing`,
);

/**
 * Relations between two entities this load creates: no relation can join them yet, so CREATE
 * replaces MERGE's search of the pair's relations. `written` falls short of the rows when an end
 * has vanished since validation.
 */
export const createRelations = oneEach<RelationType, { rows: { from: string; to: string; props: Props }[] }, { written: number }>(
  RELATION_TYPES,
  'create',
  (type) =>
    `UNWIND $rows AS row
     MATCH (a:Entity {id: row.from})
     MATCH (b:Entity {id: row.to})
     CREATE (a)-[r:${type}]->(b)
     SET r = row.props
     RETURN count(r) AS written`,
);

/** Relations that still join entities a load is about to delete: some other dataset claims them. */
export const relationsOfEntities = cypher<{ ids: string[]; going: string[] }, { entity: string; relation: string; datasets: string[] }>(
  'ingest.relationsOfEntities',
  `UNWIND $ids AS id
   MATCH (e:Entity {id: id})-[r]-() WHERE NOT r.id IN $going
   RETURN e.id AS entity, r.id AS relation, coalesce(r.datasets, [r.dataset]) AS datasets
   LIMIT 20`,
);

/** Entities no dataset claims any more. A plain DELETE: one that still has a relation fails rather than losing it. */
export const deleteEntities = cypher<{ ids: string[] }, never>(
  'ingest.deleteEntities',
  `UNWIND $ids AS id
   MATCH (e:Entity {id: id})
   DELETE e`,
);

/**
 * What, other than the items about to go (`going`), still quotes documents a load is about to delete: reads
 * every item, and runs only when documents go. Relations of a staged load (services/ingest/staged-load.ts) join
 * no entity: they quote their own dataset's document, staged beside them, so they hold nothing here.
 */
export const citingDocuments = cypher<{ ids: string[]; going: string[] }, { id: string; document: string }>(
  'ingest.citingDocuments',
  `CALL () {
     MATCH (e:Entity) WHERE any(source IN e.sourceIds WHERE source IN $ids) AND NOT e.id IN $going
     RETURN e.id AS id, [source IN e.sourceIds WHERE source IN $ids][0] AS document
     UNION ALL
     MATCH (:Entity)-[r]->() WHERE any(source IN r.sourceIds WHERE source IN $ids) AND NOT r.id IN $going
     RETURN r.id AS id, [source IN r.sourceIds WHERE source IN $ids][0] AS document
   }
   RETURN id, document
   LIMIT 20`,
);

/** A loaded dataset's name and description, which an export writes back. */
export const upsertDataset = cypher<{ id: string; name: string; description: string }, never>(
  'ingest.upsertDataset',
  `MERGE (d:Dataset {id: $id})
   SET d.name = $name, d.description = $description`,
);

export const deleteDataset = cypher<{ id: string }, never>('ingest.deleteDataset', `MATCH (d:Dataset {id: $id}) DELETE d`);
