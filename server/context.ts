import type { Driver } from 'neo4j-driver';
import { CypherExecutor, type QueryEvent } from '../cypher/executor.ts';
import { entitiesMatchingRef, entityById } from '../schema/loaders/entity-loaders.ts';
import { relationsOf } from '../schema/loaders/relation-loaders.ts';

/** What every resolver gets: this request's executor and loaders over the process's one driver. */
export interface Context {
  readonly requestId: string;
  readonly executor: CypherExecutor;
  readonly loaders: Loaders;
}

export type Loaders = ReturnType<typeof createLoaders>;

function createLoaders(executor: CypherExecutor) {
  return {
    entityById: entityById(executor),
    entitiesMatchingRef: entitiesMatchingRef(executor),
    relationsOf: relationsOf(executor),
  };
}

export interface ContextOptions {
  readonly driver: Driver;
  readonly database: string;
  readonly timeoutMs: number;
  readonly onQuery?: (event: QueryEvent) => void;
}

/** A fresh context per request, so no loader cache outlives the request that filled it. */
export function createContext(options: ContextOptions, requestId: string): Context {
  const executor = new CypherExecutor(options.driver, {
    database: options.database,
    timeoutMs: options.timeoutMs,
    metadata: { app: 'tianshan', requestId },
    ...(options.onQuery ? { onQuery: options.onQuery } : {}),
  });
  return { requestId, executor, loaders: createLoaders(executor) };
}
