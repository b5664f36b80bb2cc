import { Neo4jError } from 'neo4j-driver';
import * as q from '../../cypher/ingest.ts';
import type { CypherExecutor } from '../../cypher/executor.ts';
import { sourceTextsById } from '../../cypher/source-texts.ts';
import { documentRecord, entityRecord, relationRecord } from '../../model/codec.ts';
import type { ChangeRecord } from '../../model/changes.ts';
import { FixtureError } from '../../model/errors.ts';
import { CURATION_DATASET } from '../../model/fixture-schema.ts';
import type { EntityKind } from '../../model/kinds.ts';
import { recordDatasetChange, restoreChanges } from '../changes/record.ts';
import { readLoadableDataset, type LoadableDataset } from './read-dataset.ts';
import { loadStaged, STAGE_ABOVE_ROWS, STAGE_BATCH_ROWS, stagedLoadApplies } from './staged-load.ts';
import { validateDataset } from './validate.ts';
import type { Batching } from './write.ts';
import { writeDatasets, type DatasetClaims, type LoadCounts, type LoadReport } from './write-datasets.ts';

export type { LoadCounts, LoadReport };

export interface LoadOptions {
  /** Rows per UNWIND: large enough to amortise round-trips, small enough to keep each query's memory low. */
  readonly batchSize?: number;
  readonly onProgress?: (done: number, total: number) => void;
  /**
   * Rows (entities and relations) above which a first load of one dataset is staged in batches and published
   * at once (staged-load.ts) rather than written in one transaction. @default 200_000
   */
  readonly stageAboveRows?: number;
}

/**
 * Loads the dataset folder `dir`: validated in full first, then written in ONE transaction, so a
 * bad dataset writes nothing and an interrupted load leaves the old data. A first load too large for one
 * transaction is staged in batches no reader sees and published in one (staged-load.ts); rerun, it finishes. Loading the same files
 * twice changes nothing; a changed fixture updates in place; items dropped from the files go.
 * What the dataset says of an item another dataset also defines is kept beside the other's (model/claims.ts).
 */
export async function loadDataset(executor: CypherExecutor, dir: string, options: LoadOptions = {}): Promise<LoadReport> {
  return only(await loadDatasets(executor, [dir], options));
}

/** Several dataset folders in one transaction: each may refer to entities and documents of the others. */
export async function loadDatasets(executor: CypherExecutor, dirs: readonly string[], options: LoadOptions = {}): Promise<LoadReport[]> {
  return loadParsedDatasets(executor, await Promise.all(dirs.map((dir) => readLoadableDataset(dir))), options);
}

/** The same for a dataset already in memory, e.g. one a generator made (see bench/). */
export async function loadParsedDataset(executor: CypherExecutor, parsed: LoadableDataset, options: LoadOptions = {}): Promise<LoadReport> {
  return only(await loadParsedDatasets(executor, [parsed], options));
}

export async function loadParsedDatasets(executor: CypherExecutor, batch: readonly LoadableDataset[], options: LoadOptions = {}): Promise<LoadReport[]> {
  await validateBatch(executor, batch);
  // An export of curated facts carries their change records: the load puts them back in the log.
  const history = batch.flatMap((parsed) => parsed.changes ?? []);
  const datasets = batch.map(claimsOf);
  const [only] = datasets;
  if (
    datasets.length === 1 &&
    only &&
    only.id !== CURATION_DATASET &&
    history.length === 0 &&
    (await stagedLoadApplies(executor, only, options.stageAboveRows ?? STAGE_ABOVE_ROWS))
  ) {
    return [await loadStaged(executor, only, batchingFor(datasets, { batchSize: STAGE_BATCH_ROWS, ...options }))];
  }
  return write(executor, datasets, options, { kind: 'loadDatasets', history });
}

/**
 * Removes what the datasets `ids` claim, in one transaction: items only they claim go, items others claim too
 * keep the others' claims. Refused (nothing written) while another dataset still relates to or quotes what would go.
 */
export async function unloadDatasets(executor: CypherExecutor, ids: readonly string[], options: LoadOptions = {}): Promise<LoadReport[]> {
  return write(executor, ids.map((id) => ({ id, entities: [], relations: [] })), options, { kind: 'unloadDatasets', history: [] });
}

/** One dataset as the writers take it: its documents and entities as entity records, its relations as relation records. */
export function claimsOf(parsed: LoadableDataset): DatasetClaims {
  const { id, name, description, documents } = parsed.dataset;
  const defaultSource = documents[0]?.id ?? id;
  return {
    id,
    about: { name, description },
    entities: [
      // readDataset gives every document its text; a generated dataset may leave one without, which then quotes nothing.
      ...documents.map((document) => documentRecord(document, id, parsed.texts.get(document.id) ?? '')),
      ...parsed.entities.map((entity) => entityRecord(entity, id, defaultSource)),
    ],
    relations: parsed.relations.map((relation) => relationRecord(relation, id, defaultSource)),
  };
}

/**
 * Each dataset checked as validateDataset does, where relations may point at entities in the database or in
 * another dataset of the batch. Curated facts quote other datasets' documents, so an export of them is checked
 * against those documents' stored texts (or the batch's).
 */
async function validateBatch(executor: CypherExecutor, batch: readonly LoadableDataset[]): Promise<void> {
  const ids = batch.map((parsed) => parsed.dataset.id);
  const twice = ids.filter((id, index) => ids.indexOf(id) !== index);
  if (twice.length > 0) throw new FixtureError([...new Set(twice)].map((id) => `dataset "${id}" is given more than once`));

  const batchKinds = new Map<string, EntityKind>();
  const batchTexts = new Map<string, string>();
  for (const parsed of batch) {
    for (const document of parsed.dataset.documents) batchKinds.set(document.id, 'Source');
    for (const entity of parsed.entities) batchKinds.set(entity.id, entity.kind);
    for (const [id, text] of parsed.texts) batchTexts.set(id, text);
  }
  const outside = [...new Set(batch.flatMap((parsed) => parsed.relations.flatMap((r) => [r.from, r.to, r.effectFrom, r.effectTo])))].filter(
    (id): id is string => id !== undefined && !batchKinds.has(id),
  );
  const known = new Map((await executor.read(q.existingEntities, { ids: outside })).map((row) => [row.id, row.kind]));
  for (const [id, kind] of batchKinds) known.set(id, kind);

  for (const parsed of batch) {
    try {
      validateDataset(parsed.dataset.id === CURATION_DATASET ? await withQuotedTexts(executor, parsed, batchTexts) : parsed, known);
    } catch (error) {
      if (error instanceof FixtureError && batch.length > 1) throw new FixtureError(error.problems.map((problem) => `${parsed.dir}: ${problem}`));
      throw error;
    }
  }
}

async function withQuotedTexts(executor: CypherExecutor, parsed: LoadableDataset, batchTexts: ReadonlyMap<string, string>): Promise<LoadableDataset> {
  const quoted = new Set([...parsed.entities, ...parsed.relations].flatMap((item) => (item.sources ?? []).flatMap((source) => (source.source ? [source.source] : []))));
  const texts = new Map([...quoted].flatMap((id) => (batchTexts.has(id) ? [[id, batchTexts.get(id) ?? '']] : [])));
  const stored = await executor.read(sourceTextsById, { ids: [...quoted].filter((id) => !texts.has(id)) });
  for (const row of stored) if (row.text !== null) texts.set(row.id, row.text);
  return { ...parsed, texts };
}

/** How a write of datasets goes into the change log: as a load or a removal, after the change records it restores. */
interface Logged {
  readonly kind: 'loadDatasets' | 'unloadDatasets';
  readonly history: readonly ChangeRecord[];
}

/** Batches of the load's size, reporting progress over all its rows. */
function batchingFor(datasets: readonly DatasetClaims[], options: LoadOptions): Batching {
  const total = datasets.reduce((sum, dataset) => sum + dataset.entities.length + dataset.relations.length, 0);
  let done = 0;
  return {
    batchSize: options.batchSize ?? 5_000,
    progress: (rows: number) => {
      done += rows;
      options.onProgress?.(done, total);
    },
  };
}

async function write(executor: CypherExecutor, datasets: readonly DatasetClaims[], options: LoadOptions, logged: Logged): Promise<LoadReport[]> {
  const batching = batchingFor(datasets, options);
  try {
    return await executor.write(async (tx) => {
      const touched = new Set<string>();
      const reports = await writeDatasets(tx, datasets, batching, touched).catch((error: unknown) => {
        throw tooLarge(error) ?? error;
      });
      await restoreChanges(tx, logged.history);
      await recordDatasetChange(tx, logged.kind, datasets.map((dataset) => dataset.id), [...touched]);
      return reports;
    });
  } catch (error) {
    // A refusal at commit comes after the driver's retries: Neo4j's own error, or (a transient one) mapped to
    // "not reachable" with Neo4j's error as its cause.
    throw tooLarge(error) ?? (error instanceof Error ? tooLarge(error.cause) : undefined) ?? error;
  }
}

function only(reports: readonly LoadReport[]): LoadReport {
  const [report] = reports;
  if (!report) throw new Error('a load of one dataset reported nothing');
  return report;
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
      `server.memory.heap.max_size and dbms.memory.transaction.total.max for your own) or split the dataset. (A large first load of one ` +
      `dataset is staged in batches instead, see the README.) Neo4j said: ${error.message}`,
    { cause: error },
  );
}
