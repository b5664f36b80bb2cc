import DataLoader from 'dataloader';
import type { CypherExecutor } from '../../cypher/executor.ts';
import { claimsById as claimsByIdQuery } from '../../cypher/claims.ts';
import { entitiesById, entitiesByRef, refParams, type RefMatchRow } from '../../cypher/entities.ts';
import type { EntityRow } from '../../cypher/rows.ts';
import type { Props } from '../../model/codec.ts';

/** Entities by id; every id asked for in one tick of the event loop costs one query. */
export function entityById(executor: CypherExecutor): DataLoader<string, EntityRow | null> {
  return new DataLoader(async (ids) => {
    const rows = await executor.read(entitiesById, { ids });
    const byId = new Map(rows.map((row) => [row.entity.id, row.entity]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

/** The entity an optional id names, or null when there is no id. */
export function entityIfAny(loader: { load(id: string): Promise<EntityRow | null> }, id: string | null | undefined): Promise<EntityRow | null> | null {
  // Neo4j drops null properties, so an absent id arrives as undefined.
  return id == null ? null : loader.load(id);
}

/** Each dataset's claim of entities and relations (by id) that several datasets claim; none for the others. */
export function claimsById(executor: CypherExecutor): DataLoader<string, readonly Props[]> {
  return new DataLoader(async (ids) => {
    // Relation ids join their parts with "--", which no entity id (a slug) holds.
    const rows = await executor.read(claimsByIdQuery, { entityIds: ids.filter((id) => !id.includes('--')), relationIds: ids.filter((id) => id.includes('--')) });
    const byId = new Map(rows.map((row) => [row.id, row.claims]));
    return ids.map((id) => byId.get(id) ?? []);
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
