import type { Driver } from 'neo4j-driver';
import { sortKeysOf } from '../model/codec.ts';
import { rewriteInBatches, setNodeProps, type SetRow, type StoredRow } from './backfill.ts';
import { cypher } from './query.ts';

/**
 * Migration 009's data: entities stored before it lack the keys their pages by date seek (`startOrder`,
 * `endOrder`; model/codec.ts SORT_KEYS). They get them by the codec's rule. The keys are not hashed, so no hash
 * changes and a reload of an unchanged dataset still reports it unchanged. Claim nodes are left as they are: a
 * merge derives the keys again from the claims' years (see backfill.ts for the batches).
 */
export const entitiesWithoutSortKeys = cypher<{ limit: number }, StoredRow>(
  'migration.entitiesWithoutSortKeys',
  `MATCH (e:Entity) WHERE e.startOrder IS NULL AND e.id IS NOT NULL
   RETURN elementId(e) AS ref, e {.kind, .startYear, .endYear} AS props LIMIT toInteger($limit)`,
);

export async function backfillSortKeys(driver: Driver, database: string): Promise<void> {
  await rewriteInBatches(driver, database, entitiesWithoutSortKeys, setNodeProps, withSortKeys);
}

function withSortKeys({ ref, props }: StoredRow): SetRow {
  return { ref, set: sortKeysOf(props) };
}
