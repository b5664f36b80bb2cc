import path from 'node:path';
import type { CypherExecutor } from '../cypher/executor.ts';
import { isEmpty } from '../cypher/health.ts';
import { loadDataset, type LoadReport } from '../services/ingest/load.ts';

/** Loads the seed dataset when the database holds no entity yet; a database in use is left alone. */
export async function seedIfEmpty(executor: CypherExecutor, datasetDir: string): Promise<LoadReport | null> {
  const [row] = await executor.read(isEmpty, {});
  if (!row?.empty) return null;
  return loadDataset(executor, path.resolve(datasetDir));
}

export function describeLoad(report: LoadReport): string {
  const line = (what: string, c: LoadReport['entities']) =>
    `${what}: ${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged, ${c.removed} removed`;
  return `dataset ${report.dataset}: ${line('entities', report.entities)}; ${line('relations', report.relations)}`;
}
