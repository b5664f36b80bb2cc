import { ENTITY_KINDS } from '../model/kinds.ts';
import { RELATION_TYPES } from '../model/relations.ts';
import { cypher } from './query.ts';

/**
 * Counts by kind and by relation type, each answered from Neo4j's count store rather than a scan. Relations of a
 * staged load (services/ingest/staged-load.ts), which join Staged nodes until it is published, are not counted.
 */
export const counts = cypher<Record<string, never>, { entities: { kind: string; count: number }[]; relations: { type: string; count: number }[] }>(
  'stats.counts',
  `CALL () {
     ${ENTITY_KINDS.map((kind) => `MATCH (n:${kind}) RETURN '${kind}' AS kind, count(n) AS count`).join('\n     UNION ALL\n     ')}
   }
   WITH collect({kind: kind, count: count}) AS entities
   CALL () {
     ${RELATION_TYPES.map((type) => `RETURN '${type}' AS type, COUNT { ()-[:${type}]->() } - COUNT { (:Staged)-[:${type}]->() } AS count`).join('\n     UNION ALL\n     ')}
   }
   RETURN entities, collect({type: type, count: count}) AS relations`,
);
