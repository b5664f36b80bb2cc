import type { CypherExecutor } from '../cypher/executor.ts';
import { loadParsedDataset, type LoadOptions } from '../services/ingest/load.ts';
import type { ParsedDataset } from '../services/ingest/read-dataset.ts';

/** How fast the real loader took a dataset, and where the time went. */
export interface IngestReport {
  readonly dataset: string;
  /** In one transaction, or staged in batches and published at once (services/ingest/staged-load.ts). */
  readonly way: 'one transaction' | 'staged';
  readonly entities: number;
  readonly relations: number;
  readonly seconds: number;
  readonly entitiesPerSecond: number;
  readonly relationsPerSecond: number;
  /**
   * From the loader's progress callbacks: validation, hashing, the reads that plan the load and
   * the entity writes; then the relation writes; then the commit of the one transaction (staged: the publish).
   */
  readonly phases: { readonly untilEntitiesWritten: number; readonly relationsWritten: number; readonly commit: number };
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
