import type { Driver } from 'neo4j-driver';
import type { Props } from '../model/codec.ts';
import { cypher, type CypherQuery } from './query.ts';

/**
 * How a migration's data step rewrites stored items by the storage codec's rules (see migrate.ts): it reads items
 * that lack what the migration adds, BATCH at a time, works out what to set on each, and sets it, each batch its
 * own transaction. Run again after an interruption, it carries on where it stopped, as only items still lacking it
 * are read.
 */
const BATCH = 2_000;

/** An item as stored, by its element id. */
export type StoredRow = { ref: string; props: Props };
/** What to set on an item (merged into its props). */
export type SetRow = { ref: string; set: Props };

export const setNodeProps = cypher<{ rows: SetRow[] }, never>(
  'migration.setNodeProps',
  `UNWIND $rows AS row MATCH (e) WHERE elementId(e) = row.ref SET e += row.set`,
);

export const setRelationshipProps = cypher<{ rows: SetRow[] }, never>(
  'migration.setRelationshipProps',
  `UNWIND $rows AS row MATCH ()-[r]->() WHERE elementId(r) = row.ref SET r += row.set`,
);

/** Rewrites every item `read` finds (at most `$limit` a time, none that `rewrite` has been applied to) with `write`. */
export async function rewriteInBatches(
  driver: Driver,
  database: string,
  read: CypherQuery<{ limit: number }, StoredRow>,
  write: CypherQuery<{ rows: SetRow[] }, never>,
  rewrite: (row: StoredRow) => SetRow,
): Promise<void> {
  for (;;) {
    const { records } = await driver.executeQuery(read.text, { limit: BATCH }, { database });
    const rows = records.map((record) => rewrite(record.toObject() as StoredRow));
    if (rows.length > 0) await driver.executeQuery(write.text, { rows }, { database });
    if (rows.length < BATCH) break;
  }
}
