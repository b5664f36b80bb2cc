import type { Driver } from 'neo4j-driver';
import { contentHash, timeSpanOf, type Props, type TimeProps } from '../model/codec.ts';
import { boundsOf } from '../model/time-bounds.ts';
import { cypher } from './query.ts';

/**
 * Migration 005's data: entities and relations stored before it lack their time bounds. They get them from
 * the storage codec's own rules, with the hash recomputed over what is then stored, so a reload of an
 * unchanged dataset still reports it unchanged. Batches of BATCH, each its own transaction; run again
 * after an interruption, it carries on where it stopped (only facts without bounds are read).
 */
const BATCH = 2_000;

type StoredRow = { ref: string; props: Props };
type BoundsRow = { ref: string; set: Props };

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

export const setEntityBounds = cypher<{ rows: BoundsRow[] }, never>(
  'migration.setEntityBounds',
  `UNWIND $rows AS row MATCH (e) WHERE elementId(e) = row.ref SET e += row.set`,
);

export const setRelationBounds = cypher<{ rows: BoundsRow[] }, never>(
  'migration.setRelationBounds',
  `UNWIND $rows AS row MATCH ()-[r]->() WHERE elementId(r) = row.ref SET r += row.set`,
);

export async function backfillTimeBounds(driver: Driver, database: string): Promise<void> {
  for (const [read, write] of [
    [entitiesWithoutBounds, setEntityBounds],
    [relationsWithoutBounds, setRelationBounds],
  ] as const) {
    for (;;) {
      const { records } = await driver.executeQuery(read.text, { limit: BATCH }, { database });
      const rows = records.map((record) => withBounds(record.toObject() as StoredRow));
      if (rows.length > 0) await driver.executeQuery(write.text, { rows }, { database });
      if (rows.length < BATCH) break;
    }
  }
}

function withBounds({ ref, props }: StoredRow): BoundsRow {
  const bounds = boundsOf(timeSpanOf(props as unknown as TimeProps));
  const set: Props = { ...bounds };
  if (typeof props['hash'] === 'string') set['hash'] = contentHash({ ...props, ...bounds });
  return { ref, set };
}
