import type { FieldNode } from 'graphql';
import type { CypherExecutor } from '../../cypher/executor.ts';
import type { ListOrder } from '../pages.ts';
import { curationById } from './curation-loaders.ts';
import { claimsById, entitiesMatchingRef, entityById } from './entity-loaders.ts';
import { relationById } from './relation-by-id.ts';
import { relationsOf, type RelationsPageKey } from './relation-loaders.ts';
import { sourceTextById } from './source-loaders.ts';

export type Loaders = ReturnType<typeof createLoaders>;

/** One request's DataLoaders over its executor: made fresh per request, so no cache outlives the request that filled it. */
export function createLoaders(executor: CypherExecutor) {
  return {
    entityById: entityById(executor),
    entitiesMatchingRef: entitiesMatchingRef(executor),
    relationsOf: relationsOf(executor),
    relationById: relationById(executor),
    sourceTextById: sourceTextById(executor),
    claimsById: claimsById(executor),
    curationById: curationById(executor),
    /** Each relation field's page key, made once for all its parents (schema/types/relation-field.ts). */
    relationKeys: new WeakMap<readonly FieldNode[], { readonly order: ListOrder; readonly key: RelationsPageKey }>(),
  };
}
