import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { CypherExecutor } from '../cypher/executor.ts';
import { claimsOf, loadParsedDataset, type LoadOptions } from '../services/ingest/load.ts';
import { finishOfflineImport, writeImportFiles } from '../services/ingest/offline-import.ts';
import { readDataset, type LoadableDataset, type ParsedDataset } from '../services/ingest/read-dataset.ts';
import { runImportTool } from '../server/neo4j/embedded/import-tool.ts';
import { startBenchNeo4j, type BenchNeo4j } from './neo4j.ts';

/** How fast the real loader took a dataset, and where the time went. */
export interface IngestReport {
  readonly dataset: string;
  /**
   * In one transaction, staged in batches and published at once (services/ingest/staged-load.ts), or by Neo4j's
   * offline importer into the empty store (services/ingest/offline-import.ts).
   */
  readonly way: 'one transaction' | 'staged' | 'offline importer';
  readonly entities: number;
  readonly relations: number;
  readonly seconds: number;
  readonly entitiesPerSecond: number;
  readonly relationsPerSecond: number;
  /**
   * From the loader's progress callbacks: validation, hashing, the reads that plan the load and
   * the entity writes; then the relation writes; then the commit of the one transaction (staged: the publish).
   * The importer's: the records and their CSV files; the import; starting Neo4j, building the indexes and writing the rest.
   */
  readonly phases: { readonly untilEntitiesWritten: number; readonly relationsWritten: number; readonly commit: number };
}

export const SEED_DIR = 'fixtures/china-kyrgyzstan-border';

/** The loader's executor on the benchmark's Neo4j, with a timeout for loads that run for many minutes. */
export function loadingExecutor(neo4j: { readonly driver: Driver; readonly target: { readonly database: string } }, timeoutMs = 60 * 60_000): CypherExecutor {
  return new CypherExecutor(neo4j.driver, { database: neo4j.target.database, timeoutMs });
}

/** The seed, through the real loader: every run has it beside the synthetic dataset. */
export async function ingestSeed(executor: CypherExecutor): Promise<IngestReport> {
  return ingest(executor, await readDataset(SEED_DIR));
}

export async function ingest(executor: CypherExecutor, parsed: ParsedDataset, options: Pick<LoadOptions, 'stageAboveRows'> = {}): Promise<IngestReport> {
  const entities = parsed.entities.length + parsed.dataset.documents.length;
  const relations = parsed.relations.length;
  const started = performance.now();
  let entitiesWritten = started;
  let relationsWritten = started;
  const report = await loadParsedDataset(executor, parsed, {
    ...options,
    onProgress: (done, total) => {
      const now = performance.now();
      if (done <= entities) entitiesWritten = now;
      if (done === total) relationsWritten = now;
    },
  });
  const finished = performance.now();
  if (report.entities.created !== entities || report.relations.created !== relations) {
    throw new Error(`ingest of ${parsed.dataset.id}: expected a fresh load of ${entities} entities and ${relations} relations, got ${JSON.stringify(report)}`);
  }
  const seconds = (finished - started) / 1_000;
  return {
    dataset: parsed.dataset.id,
    way: report.staged ? 'staged' : 'one transaction',
    entities,
    relations,
    seconds,
    entitiesPerSecond: entities / seconds,
    relationsPerSecond: relations / seconds,
    phases: {
      untilEntitiesWritten: (entitiesWritten - started) / 1_000,
      relationsWritten: (relationsWritten - entitiesWritten) / 1_000,
      commit: (finished - relationsWritten) / 1_000,
    },
  };
}

/**
 * The synthetic dataset written by Neo4j's offline importer into the empty store of a new embedded Neo4j, which
 * then starts and builds its indexes: the whole first load, timed from the dataset in memory to a database that answers.
 */
export async function importOffline(parsed: LoadableDataset, scale: number, log: (line: string) => void): Promise<{ neo4j: BenchNeo4j; report: IngestReport }> {
  // Timed from the dataset in memory, as a transactional load is: the records the loader would write come first.
  const started = performance.now();
  const claims = claimsOf(parsed);
  const filesDir = await mkdtemp(path.join(tmpdir(), 'tianshan-import-'));
  try {
    const files = await writeImportFiles(claims, filesDir);
    const written = performance.now();
    let imported = written;
    const neo4j = await startBenchNeo4j(scale, false, log, async (dataDir) => {
      await runImportTool(dataDir, files, { log });
      imported = performance.now();
    });
    await finishOfflineImport(loadingExecutor(neo4j), claims, files);
    const finished = performance.now();
    const seconds = (finished - started) / 1_000;
    const entities = claims.entities.length;
    const relations = claims.relations.length;
    const report: IngestReport = {
      dataset: claims.id,
      way: 'offline importer',
      entities,
      relations,
      seconds,
      entitiesPerSecond: entities / seconds,
      relationsPerSecond: relations / seconds,
      phases: { untilEntitiesWritten: (written - started) / 1_000, relationsWritten: (imported - written) / 1_000, commit: (finished - imported) / 1_000 },
    };
    return { neo4j, report };
  } finally {
    await rm(filesDir, { recursive: true, force: true });
  }
}
