import DataLoader from 'dataloader';
import type { CypherExecutor } from '../../cypher/executor.ts';
import { entitiesById, entitiesByRef } from '../../cypher/entities.ts';
import { namePhraseQuery } from '../../cypher/lucene.ts';
import type { EntityRow } from '../../cypher/rows.ts';
import type { EntityKind } from '../../server/model/kinds.ts';

export interface RefMatch {
  readonly id: string;
  readonly name: string;
  readonly kind: EntityKind;
  readonly byId: boolean;
}

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
export function entitiesMatchingRef(executor: CypherExecutor): DataLoader<string, readonly RefMatch[]> {
  return new DataLoader(async (refs) => {
    const rows = await executor.read(entitiesByRef, {
      refs: refs.map((ref) => ({ ref, lower: ref.toLowerCase(), phrase: namePhraseQuery(ref) })),
    });
    const byRef = new Map(rows.map((row) => [row.ref, row.matches]));
    return refs.map((ref) => {
      const matches = byRef.get(ref) ?? [];
      const exact = matches.filter((match) => match.byId);
      return exact.length > 0 ? exact : matches;
    });
  });
}
