import DataLoader from 'dataloader';
import type { CypherExecutor } from '../../cypher/executor.ts';
import { entitiesById, entitiesByRef, refParams, type RefMatchRow } from '../../cypher/entities.ts';
import type { EntityRow } from '../../cypher/rows.ts';


/** Entities by id; every id asked for in one tick of the event loop costs one query. */
export function entityById(executor: CypherExecutor): DataLoader<string, EntityRow | null> {
  return new DataLoader(async (ids) => {
    const rows = await executor.read(entitiesById, { ids });
    const byId = new Map(rows.map((row) => [row.entity.id, row.entity]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

/**
 * What an id-or-name reference (as users type it in `affecting`, `between`, `path`…) matches:
 * the entity with that id, else every entity with that name or alias, case-insensitively.
 */
export function entitiesMatchingRef(executor: CypherExecutor): DataLoader<string, readonly RefMatchRow[]> {
  return new DataLoader(async (refs) => {
    const rows = await executor.read(entitiesByRef, {
      refs: refs.map(refParams),
    });
    const byRef = new Map(rows.map((row) => [row.ref, row.matches]));
    return refs.map((ref) => byRef.get(ref) ?? []);
  });
}
