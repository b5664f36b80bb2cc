import type { CypherExecutor, WriteTransaction } from '../../cypher/executor.ts';
import * as q from '../../cypher/ingest.ts';
import type { EntityKind } from '../model/kinds.ts';
import { readDataset, type ParsedDataset } from './read-dataset.ts';
import { documentRecord, entityRecord, relationRecord, type EntityRecord, type RelationRecord } from './records.ts';
import { validateDataset } from './validate.ts';

export interface LoadCounts {
  created: number;
  updated: number;
  unchanged: number;
  removed: number;
}

export interface LoadReport {
  readonly dataset: string;
  readonly entities: LoadCounts;
  readonly relations: LoadCounts;
}

export interface LoadOptions {
  /** Rows per UNWIND: large enough to amortise round-trips, small enough to keep each query's memory low. */
  readonly batchSize?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * Loads the dataset folder `dir`: validated in full first, then written in ONE transaction, so a
 * bad dataset writes nothing and an interrupted load leaves the old data. Loading the same files
 * twice changes nothing; a changed fixture updates in place; items dropped from the files go.
 */
export async function loadDataset(executor: CypherExecutor, dir: string, options: LoadOptions = {}): Promise<LoadReport> {
  return loadParsedDataset(executor, await readDataset(dir), options);
}

/** The same for a dataset already in memory, e.g. one a generator made (see bench/). */
export async function loadParsedDataset(executor: CypherExecutor, parsed: ParsedDataset, options: LoadOptions = {}): Promise<LoadReport> {
  const datasetId = parsed.dataset.id;
  const defined = new Set([...parsed.dataset.documents.map((d) => d.id), ...parsed.entities.map((e) => e.id)]);
  const outside = [...new Set(parsed.relations.flatMap((r) => [r.from, r.to, r.effectFrom, r.effectTo]))].filter(
    (id): id is string => id !== undefined && !defined.has(id),
  );
  const knownOutside = await executor.read(q.existingEntities, { ids: outside });
  validateDataset(parsed, new Map(knownOutside.map((row) => [row.id, row.kind])));

  const defaultSource = parsed.dataset.documents[0]?.id ?? datasetId;
  const entities = [
    // readDataset gives every document its text; a generated dataset may leave one without, which then quotes nothing.
    ...parsed.dataset.documents.map((document) => documentRecord(document, datasetId, parsed.texts.get(document.id) ?? '')),
    ...parsed.entities.map((entity) => entityRecord(entity, datasetId, defaultSource)),
  ];
  const relations = parsed.relations.map((relation) => relationRecord(relation, datasetId, defaultSource));
  const batchSize = options.batchSize ?? 5_000;

  return executor.write(async (tx) => {
    const entityHashes = new Map((await tx.run(q.existingEntities, { ids: entities.map((e) => e.id) })).map((row) => [row.id, row.hash]));
    const relationHashes = new Map((await tx.run(q.datasetRelations, { dataset: datasetId })).map((row) => [row.id, row.hash]));
    const previousEntities = (await tx.run(q.datasetEntities, { dataset: datasetId })).map((row) => row.id);

    const entityPlan = plan(entities, entityHashes, previousEntities);
    const relationPlan = plan(relations, relationHashes, [...relationHashes.keys()]);
    const total = entityPlan.write.length + relationPlan.write.length;
    let done = 0;
    const progress = (count: number) => {
      done += count;
      options.onProgress?.(done, total);
    };

    await tx.run(q.deleteRelations, { dataset: datasetId, ids: relationPlan.remove });
    await tx.run(q.deleteEntities, { dataset: datasetId, ids: entityPlan.remove });
    await writeEntities(tx, entityPlan.write, batchSize, progress);
    await writeRelations(tx, relationPlan.write, batchSize, progress);

    return { dataset: datasetId, entities: entityPlan.counts, relations: relationPlan.counts };
  });
}

interface Plan<T> {
  readonly write: T[];
  readonly remove: string[];
  readonly counts: LoadCounts;
}

function plan<T extends { id: string; props: { hash?: unknown } }>(
  records: readonly T[],
  existing: ReadonlyMap<string, string | null>,
  previousIds: readonly string[],
): Plan<T> {
  const wanted = new Set(records.map((record) => record.id));
  const write = records.filter((record) => existing.get(record.id) !== record.props.hash);
  const created = write.filter((record) => !existing.has(record.id)).length;
  const remove = previousIds.filter((id) => !wanted.has(id));
  return {
    write,
    remove,
    counts: { created, updated: write.length - created, unchanged: records.length - write.length, removed: remove.length },
  };
}

async function writeEntities(tx: WriteTransaction, records: readonly EntityRecord[], batchSize: number, progress: (n: number) => void) {
  for (const [kind, rows] of groupBy(records, (record) => record.kind)) {
    const query = q.upsertEntities.get(kind as EntityKind);
    if (!query) throw new Error(`no upsert query for kind ${kind}`);
    for (const batch of chunks(rows, batchSize)) {
      await tx.run(query, { rows: batch.map(({ id, props }) => ({ id, props })) });
      progress(batch.length);
    }
  }
}

async function writeRelations(tx: WriteTransaction, records: readonly RelationRecord[], batchSize: number, progress: (n: number) => void) {
  for (const [type, rows] of groupBy(records, (record) => record.type)) {
    const query = q.upsertRelations.get(type);
    if (!query) throw new Error(`no upsert query for relation type ${type}`);
    for (const batch of chunks(rows, batchSize)) {
      const missing = await tx.run(query, { rows: batch.map(({ id, from, to, props }) => ({ id, from, to, props })) });
      // Validation saw every endpoint; one missing now means it was deleted meanwhile: abort the whole load.
      if (missing.length > 0) throw new Error(`relations point to entities that no longer exist: ${missing.map((m) => m.missing).join(', ')}`);
      progress(batch.length);
    }
  }
}

function groupBy<T, K>(items: readonly T[], keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}
