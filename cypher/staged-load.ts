import type { Props } from '../model/codec.ts';
import { ENTITY_KINDS, type EntityKind } from '../model/kinds.ts';
import { RELATION_TYPES, type RelationType } from '../model/relations.ts';
import { cypher, type CypherQuery } from './query.ts';

/**
 * Queries of the staged load (services/ingest/staged-load.ts). A staged node carries a dataset's entity with
 * the label `Staged` instead of `Entity` and its kind, and `stagedFor` naming the dataset: every reader
 * matches `Entity` or a kind, so none sees it, nor the relations between staged nodes, until the publish.
 * Labels and types are spliced in only from the model's allow-lists.
 */

/** Entities no earlier attempt staged: CREATE, with no lookup. */
export const stageEntities = cypher<{ dataset: string; rows: Props[] }, never>(
  'staged.entities',
  `UNWIND $rows AS props
   CREATE (s:Staged)
   SET s = props
   SET s.stagedFor = $dataset`,
);

/** Entities an earlier attempt staged with other properties (the files changed between runs): rewritten by id. */
export const restageEntities = cypher<{ dataset: string; rows: Props[] }, never>(
  'staged.restageEntities',
  `UNWIND $rows AS props
   MATCH (s:Staged {id: props.id, stagedFor: $dataset})
   SET s = props
   SET s.stagedFor = $dataset`,
);

/** What a load of `dataset` staged before, with each item's hash, so a rerun writes only what is missing or changed. */
export const stagedEntities = cypher<{ dataset: string }, { id: string; hash: string | null }>(
  'staged.entityHashes',
  `MATCH (s:Staged {stagedFor: $dataset})
   RETURN s.id AS id, s.hash AS hash`,
);

export const stagedRelations = cypher<{ dataset: string }, { id: string; hash: string | null }>(
  'staged.relationHashes',
  `MATCH (s:Staged {stagedFor: $dataset})-[r]->(:Staged)
   RETURN r.id AS id, r.hash AS hash`,
);

type StagedRelationRows = { dataset: string; rows: { id: string; from: string; to: string; props: Props }[] };

/**
 * One per relation type and way: \`create\` for relations no earlier attempt staged (no search of the pair's
 * relations), \`merge\` by id for those it staged with other properties, so a rerun rewrites rather than doubles.
 */
export const stageRelations: ReadonlyMap<`${'create' | 'merge'} ${RelationType}`, CypherQuery<StagedRelationRows, { written: number }>> = new Map(
  RELATION_TYPES.flatMap((type) =>
    (['create', 'merge'] as const).map((way) => [
      `${way} ${type}` as const,
      cypher<StagedRelationRows, { written: number }>(
        `staged.${way}Relations${type}`,
        `UNWIND $rows AS row
         MATCH (a:Staged {id: row.from, stagedFor: $dataset})
         MATCH (b:Staged {id: row.to, stagedFor: $dataset})
         ${way === 'create' ? `CREATE (a)-[r:${type}]->(b)` : `MERGE (a)-[r:${type} {id: row.id}]->(b)`}
         SET r = row.props
         RETURN count(r) AS written`,
      ),
    ]),
  ),
);

/** One per kind, all run in the one publishing transaction: the staged nodes become entities. */
export const publishStaged: ReadonlyMap<EntityKind, CypherQuery<{ dataset: string }, { published: number }>> = new Map(
  ENTITY_KINDS.map((kind) => [
    kind,
    cypher(
      `staged.publish${kind}`,
      `MATCH (s:Staged {stagedFor: $dataset}) WHERE s.kind = '${kind}'
       SET s:Entity:${kind}
       REMOVE s:Staged, s.stagedFor
       RETURN count(s) AS published`,
    ),
  ]),
);

/** Ids, among `ids`, that some entity already has: a staged load is a first load only. */
export const takenIds = cypher<{ ids: string[] }, { id: string }>(
  'staged.takenIds',
  `UNWIND $ids AS id
   MATCH (e:Entity {id: id})
   RETURN e.id AS id`,
);

/**
 * Staged nodes of `dataset` whose id an entity has taken since the load began (another load, a curated write):
 * read by the publish under the claims lock, when no other writer can add one.
 */
export const stagedClashes = cypher<{ dataset: string }, { id: string; kind: string }>(
  'staged.clashes',
  `MATCH (s:Staged {stagedFor: $dataset})
   MATCH (e:Entity {id: s.id})
   RETURN e.id AS id, e.kind AS kind
   ORDER BY id`,
);

/** How many entities an unfinished load of `dataset` has staged. */
export const stagedCount = cypher<{ dataset: string }, { staged: number }>(
  'staged.count',
  `MATCH (s:Staged {stagedFor: $dataset})
   RETURN count(s) AS staged`,
);

/** Staged relations the dataset no longer holds, found from their start node. */
export const dropStagedRelations = cypher<{ dataset: string; rows: { id: string; from: string }[] }, never>(
  'staged.dropRelations',
  `UNWIND $rows AS row
   MATCH (:Staged {id: row.from, stagedFor: $dataset})-[r]->(:Staged)
   WHERE r.id = row.id
   DELETE r`,
);

/** Up to `limit` staged nodes of `dataset`, with what joins them: a batch of the remains of a load that cannot be published. */
export const dropStagedBatch = cypher<{ dataset: string; limit: number }, { dropped: number }>(
  'staged.dropBatch',
  `MATCH (s:Staged {stagedFor: $dataset})
   WITH s LIMIT toInteger($limit)
   DETACH DELETE s
   RETURN count(*) AS dropped`,
);

/** Staged entities the dataset no longer holds, with what joins them. */
export const dropStagedEntities = cypher<{ dataset: string; ids: string[] }, never>(
  'staged.dropEntities',
  `UNWIND $ids AS id
   MATCH (s:Staged {id: id, stagedFor: $dataset})
   DETACH DELETE s`,
);
