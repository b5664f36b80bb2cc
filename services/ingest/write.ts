import * as q from '../../cypher/ingest.ts';
import type { WriteTransaction } from '../../cypher/executor.ts';
import type { EntityRecord, RelationRecord } from '../../model/codec.ts';

/**
 * The loader's writes, in batches of `batchSize` rows per UNWIND and one query per kind or
 * relation type (labels and types cannot be parameters). `progress` hears each batch's size.
 */
export interface Batching {
  readonly batchSize: number;
  readonly progress: (rows: number) => void;
}

/** Entities no database holds yet. */
export async function createEntities(tx: WriteTransaction, records: readonly EntityRecord[], batching: Batching): Promise<void> {
  await inBatches(records, (record) => record.kind, batching, async (kind, batch) => {
    await tx.run(queryFor(q.createEntities, kind), { rows: batch.map(({ props }) => props) });
  });
}

/** Entities that exist with other properties (or, for curation's sake, may exist). */
export async function upsertEntities(tx: WriteTransaction, records: readonly EntityRecord[], batching: Batching): Promise<void> {
  await inBatches(records, (record) => record.kind, batching, async (kind, batch) => {
    await tx.run(queryFor(q.upsertEntities, kind), { rows: batch.map(({ id, props }) => ({ id, props })) });
  });
}

/** Relations between two entities created by this load, so that none can join them yet. */
export async function createRelations(tx: WriteTransaction, records: readonly RelationRecord[], batching: Batching): Promise<void> {
  await inBatches(records, (record) => record.type, batching, async (type, batch) => {
    const [result] = await tx.run(queryFor(q.createRelations, type), { rows: batch.map(({ from, to, props }) => ({ from, to, props })) });
    if (result?.written !== batch.length) await failOnVanishedEnds(tx, batch);
  });
}

/** Relations that exist with other properties, or may exist (an end was there before this load). */
export async function upsertRelations(tx: WriteTransaction, records: readonly RelationRecord[], batching: Batching): Promise<void> {
  await inBatches(records, (record) => record.type, batching, async (type, batch) => {
    const missing = await tx.run(queryFor(q.upsertRelations, type), { rows: batch.map(({ id, from, to, props }) => ({ id, from, to, props })) });
    if (missing.length > 0) throw vanishedEnds(missing.map((m) => m.missing));
  });
}

async function inBatches<R, K>(records: readonly R[], keyOf: (record: R) => K, { batchSize, progress }: Batching, write: (key: K, batch: R[]) => Promise<void>) {
  for (const [key, rows] of groupBy(records, keyOf)) {
    for (let start = 0; start < rows.length; start += batchSize) {
      const batch = rows.slice(start, start + batchSize);
      await write(key, batch);
      progress(batch.length);
    }
  }
}

function queryFor<K, Q>(queries: ReadonlyMap<K, Q>, key: K): Q {
  const query = queries.get(key);
  if (!query) throw new Error(`no loader query for ${String(key)}`);
  return query;
}

/** Names the relations of `batch` whose ends are gone, which aborts the whole load. */
async function failOnVanishedEnds(tx: WriteTransaction, batch: readonly RelationRecord[]): Promise<never> {
  const ids = [...new Set(batch.flatMap((relation) => [relation.from, relation.to]))];
  const found = new Set((await tx.run(q.existingEntities, { ids })).map((row) => row.id));
  throw vanishedEnds(batch.filter((relation) => !found.has(relation.from) || !found.has(relation.to)).map((relation) => relation.id));
}

// Validation saw every end; one missing now was deleted since.
function vanishedEnds(ids: readonly string[]): Error {
  return new Error(`relations point to entities that no longer exist: ${ids.join(', ')}`);
}

export function groupBy<T, K>(items: readonly T[], keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
