import DataLoader from 'dataloader';
import type { CypherExecutor } from '../../cypher/executor.ts';
import { sourceTextsById } from '../../cypher/source-texts.ts';

/** The text of source documents by id; null for an unknown id or one loaded before texts were stored. */
export function sourceTextById(executor: CypherExecutor): DataLoader<string, string | null> {
  return new DataLoader(async (ids) => {
    const rows = await executor.read(sourceTextsById, { ids });
    const byId = new Map(rows.map((row) => [row.id, row.text]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}
