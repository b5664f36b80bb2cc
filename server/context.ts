import type { Driver } from 'neo4j-driver';
import { CypherExecutor, type QueryEvent } from '../cypher/executor.ts';
import type { SessionTracker } from '../cypher/sessions.ts';
import { entitiesMatchingRef, entityById } from '../schema/loaders/entity-loaders.ts';
import { relationsOf } from '../schema/loaders/relation-loaders.ts';
import { sourceTextById } from '../schema/loaders/source-loaders.ts';
import type { Caller } from './auth.ts';

/** What every resolver gets: this request's executor and loaders over the process's one driver. */
export interface Context {
  readonly requestId: string;
  readonly executor: CypherExecutor;
  readonly loaders: Loaders;
  /** Who is calling, from the bearer token: mutations check it (server/auth.ts); reads ignore it. */
  readonly caller: Caller;
}

export type Loaders = ReturnType<typeof createLoaders>;

function createLoaders(executor: CypherExecutor) {
  return {
    entityById: entityById(executor),
    entitiesMatchingRef: entitiesMatchingRef(executor),
    relationsOf: relationsOf(executor),
    sourceTextById: sourceTextById(executor),
  };
}

export interface ContextOptions {
  readonly driver: Driver;
  readonly database: string;
  readonly timeoutMs: number;
  /** NEO4J_MAX_RETRY_TIME_MS, for reads, which retry transient failures themselves (see CypherExecutor.read). */
  readonly maxRetryTimeMs?: number;
  readonly onQuery?: (event: QueryEvent) => void;
  /** Shared by every request's executor: open Neo4j sessions (a metric), refused at shutdown. */
  readonly sessions?: SessionTracker;
}

/** Without a caller (e.g. outside HTTP), no one may write. */
const NO_WRITER: Caller = { role: null, writesEnabled: false };

/** A fresh context per request, so no loader cache outlives the request that filled it. */
export function createContext(options: ContextOptions, requestId: string, caller: Caller = NO_WRITER): Context {
  const executor = new CypherExecutor(options.driver, {
    database: options.database,
    timeoutMs: options.timeoutMs,
    ...(options.maxRetryTimeMs !== undefined ? { maxRetryTimeMs: options.maxRetryTimeMs } : {}),
    metadata: { app: 'tianshan', requestId },
    ...(options.onQuery ? { onQuery: options.onQuery } : {}),
    ...(options.sessions ? { sessions: options.sessions } : {}),
  });
  return { requestId, executor, loaders: createLoaders(executor), caller };
}
