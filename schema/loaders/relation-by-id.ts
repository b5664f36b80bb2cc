import DataLoader from 'dataloader';
import type { CypherExecutor } from '../../cypher/executor.ts';
import { relationsById, type RelationKey } from '../../cypher/relations-by-id.ts';
import type { RelationRow } from '../../cypher/rows.ts';
import { parseRelationId } from '../../model/relation-id.ts';

/**
 * Relations by their global id; every id asked for in one tick of the event loop costs one query. A string that
 * is not a relation id (model/relation-id.ts) finds nothing, as an unknown entity id does.
 */
export function relationById(executor: CypherExecutor): DataLoader<string, RelationRow | null> {
  return new DataLoader(async (ids) => {
    const keys = ids.flatMap((id): RelationKey[] => {
      const parts = parseRelationId(id);
      return parts ? [{ id, from: parts.from, to: parts.to }] : [];
    });
    const rows = keys.length === 0 ? [] : await executor.read(relationsById, { keys });
    const byId = new Map(rows.map((row) => [row.relation.id, row.relation]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}
