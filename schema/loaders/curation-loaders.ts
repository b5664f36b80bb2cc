import DataLoader from 'dataloader';
import { curationOf, type ChangeMark } from '../../cypher/changes.ts';
import type { CypherExecutor } from '../../cypher/executor.ts';

export type CurationMarks = { readonly first: ChangeMark; readonly last: ChangeMark };

/** The first and the latest curated change of entities and relations, by id; null for one no editor has changed. */
export function curationById(executor: CypherExecutor): DataLoader<string, CurationMarks | null> {
  return new DataLoader(async (ids) => {
    const rows = await executor.read(curationOf, { ids });
    const byId = new Map(rows.flatMap(({ id, first, last }) => (first && last ? [[id, { first, last }] as const] : [])));
    return ids.map((id) => byId.get(id) ?? null);
  });
}
