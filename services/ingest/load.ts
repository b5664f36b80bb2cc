import { Neo4jError } from 'neo4j-driver';
import * as q from '../../cypher/ingest.ts';
import type { CypherExecutor, WriteTransaction } from '../../cypher/executor.ts';
import { documentRecord, entityRecord, relationRecord, type EntityRecord, type RelationRecord } from '../../model/codec.ts';
import { readDataset, type ParsedDataset } from './read-dataset.ts';
import { validateDataset } from './validate.ts';
import { createEntities, createRelations, upsertEntities, upsertRelations } from './write.ts';

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

  try {
    return await executor.write((tx) =>
      writeDataset(tx, datasetId, entities, relations, options).catch((error: unknown) => {
        throw tooLarge(error) ?? error;
      }),
    );
  } catch (error) {
    // A refusal at commit comes after the driver's retries: Neo4j's own error, or (a transient one) mapped to
    // "not reachable" with Neo4j's error as its cause.
    throw tooLarge(error) ?? (error instanceof Error ? tooLarge(error.cause) : undefined) ?? error;
  }
}

async function writeDataset(
  tx: WriteTransaction,
  datasetId: string,
  entities: readonly EntityRecord[],
  relations: readonly RelationRecord[],
  options: LoadOptions,
): Promise<LoadReport> {
  const entityHashes = new Map((await tx.run(q.existingEntities, { ids: entities.map((e) => e.id) })).map((row) => [row.id, row.hash]));
  const relationHashes = new Map((await tx.run(q.datasetRelations, { dataset: datasetId })).map((row) => [row.id, row.hash]));
  const previousEntities = (await tx.run(q.datasetEntities, { dataset: datasetId })).map((row) => row.id);

  const entityPlan = plan(entities, entityHashes, previousEntities);
  const relationPlan = plan(relations, relationHashes, [...relationHashes.keys()]);
  const total = entityPlan.create.length + entityPlan.update.length + relationPlan.create.length + relationPlan.update.length;
  let done = 0;
  const batching = {
    batchSize: options.batchSize ?? 5_000,
    progress: (rows: number) => {
      done += rows;
      options.onProgress?.(done, total);
    },
  };

  // Finding the relations to delete scans every relation in the database: only when some go.
  if (relationPlan.remove.length > 0) await tx.run(q.deleteRelations, { dataset: datasetId, ids: relationPlan.remove });
  if (entityPlan.remove.length > 0) await tx.run(q.deleteEntities, { dataset: datasetId, ids: entityPlan.remove });
  await createEntities(tx, entityPlan.create, batching);
  await upsertEntities(tx, entityPlan.update, batching);
  // A new relation between two entities created just now cannot exist yet; any other may (in
  // another dataset, or written by curation), so it goes through MERGE like an update.
  const createdIds = new Set(entityPlan.create.map((entity) => entity.id));
  const [fresh, touchingOld] = partition(relationPlan.create, (relation) => createdIds.has(relation.from) && createdIds.has(relation.to));
  await createRelations(tx, fresh, batching);
  await upsertRelations(tx, [...touchingOld, ...relationPlan.update], batching);

  return { dataset: datasetId, entities: entityPlan.counts, relations: relationPlan.counts };
}

/**
 * Neo4j keeps a whole load's changes on its heap until the commit. When they outgrow what it
 * allows a transaction, it says "transient" (the pool is shared, so another transaction ending
 * could free it), but this load would only fail again, after as long: stop it at once and say
 * what to change. Anything else is rethrown as it is.
 */
const MEMORY_REFUSALS = new Set(['Neo.TransientError.General.MemoryPoolOutOfMemoryError', 'Neo.ClientError.General.TransactionOutOfMemoryError']);

function tooLarge(error: unknown): Error | undefined {
  if (!(error instanceof Neo4jError && MEMORY_REFUSALS.has(error.code))) return undefined;
  return new Error(
    `the dataset is too large for Neo4j's transaction memory; nothing was written. A dataset loads in one transaction, ` +
      `held on Neo4j's heap until it commits: give Neo4j more heap (NEO4J_EMBEDDED_HEAP for the embedded one; ` +
      `server.memory.heap.max_size and dbms.memory.transaction.total.max for your own) or split the dataset. Neo4j said: ${error.message}`,
    { cause: error },
  );
}

interface Plan<T> {
  /** Ids no database entity (or no relation of this dataset) has yet. */
  readonly create: T[];
  /** Ids already there with another hash. */
  readonly update: T[];
  readonly remove: string[];
  readonly counts: LoadCounts;
}

function plan<T extends { id: string; props: { hash?: unknown } }>(
  records: readonly T[],
  existing: ReadonlyMap<string, string | null>,
  previousIds: readonly string[],
): Plan<T> {
  const wanted = new Set(records.map((record) => record.id));
  const [create, known] = partition(records, (record) => !existing.has(record.id));
  const update = known.filter((record) => existing.get(record.id) !== record.props.hash);
  const remove = previousIds.filter((id) => !wanted.has(id));
  return {
    create,
    update,
    remove,
    counts: { created: create.length, updated: update.length, unchanged: known.length - update.length, removed: remove.length },
  };
}

function partition<T>(items: readonly T[], test: (item: T) => boolean): [T[], T[]] {
  const yes: T[] = [];
  const no: T[] = [];
  for (const item of items) (test(item) ? yes : no).push(item);
  return [yes, no];
}
