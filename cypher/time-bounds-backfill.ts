import type { Driver } from 'neo4j-driver';
import { contentHash, timeSpanOf, type Props, type TimeProps } from '../model/codec.ts';
import { boundsOf } from '../model/time-bounds.ts';
import { rewriteInBatches, setNodeProps, setRelationshipProps, type SetRow, type StoredRow } from './backfill.ts';
import { cypher } from './query.ts';

/**
 * Migration 005's data: entities and relations stored before it lack their time bounds. They get them from
 * the storage codec's own rules, with the hash recomputed over what is then stored, so a reload of an
 * unchanged dataset still reports it unchanged (see backfill.ts for the batches).
 */

export const entitiesWithoutBounds = cypher<{ limit: number }, StoredRow>(
  'migration.entitiesWithoutBounds',
  `MATCH (e:Entity) WHERE e.startEarliest IS NULL AND e.id IS NOT NULL
   RETURN elementId(e) AS ref, properties(e) AS props LIMIT toInteger($limit)`,
);

export const relationsWithoutBounds = cypher<{ limit: number }, StoredRow>(
  'migration.relationsWithoutBounds',
  `MATCH (:Entity)-[r]->(:Entity) WHERE r.startEarliest IS NULL AND r.id IS NOT NULL
   RETURN elementId(r) AS ref, properties(r) AS props LIMIT toInteger($limit)`,
);

export async function backfillTimeBounds(driver: Driver, database: string): Promise<void> {
  await rewriteInBatches(driver, database, entitiesWithoutBounds, setNodeProps, withBounds);
  await rewriteInBatches(driver, database, relationsWithoutBounds, setRelationshipProps, withBounds);
}

function withBounds({ ref, props }: StoredRow): SetRow {
  const bounds = boundsOf(timeSpanOf(props as unknown as TimeProps));
  const set: Props = { ...bounds };
  if (typeof props['hash'] === 'string') set['hash'] = contentHash({ ...props, ...bounds });
  return { ref, set };
}
