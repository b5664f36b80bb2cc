import type { Driver } from 'neo4j-driver';
import { CypherExecutor, type QueryEvent } from '../cypher/executor.ts';
import type { SessionTracker } from '../cypher/sessions.ts';
import type { ChangeFeed } from '../services/changes/feed.ts';
import type { Caller } from '../schema/caller.ts';
import type { Context } from '../schema/context.ts';
import { createLoaders } from '../schema/loaders/index.ts';

export interface ContextOptions {
  readonly driver: Driver;
  readonly database: string;
  readonly timeoutMs: number;
  /** NEO4J_MAX_RETRY_TIME_MS, for reads, which retry transient failures themselves (see CypherExecutor.read). */
  readonly maxRetryTimeMs?: number;
  readonly onQuery?: (event: QueryEvent) => void;
  /** Shared by every request's executor: open Neo4j sessions (a metric), refused at shutdown. */
  readonly sessions?: SessionTracker;
  /**
   * Read the relation fields selected beneath a root list in the list's own statement (schema/planned-read.ts);
   * off, each level of them is a statement of its own, as the loaders batch it. For comparing the two.
   * @default true
   */
  readonly planRelations?: boolean;
  /** The process's live changes; made by createApp when not given. */
  readonly changes: ChangeFeed;
}

/** Without a caller (e.g. outside HTTP), no one may write. */
const NO_WRITER: Caller = { role: null, writesEnabled: false };

/**
 * A fresh context per request, so no loader cache outlives the request that filled it. `bookmarks` (a client's
 * proof of its own earlier writes) make this request's reads wait for them on any member of a cluster.
 */
export function createContext(options: ContextOptions, requestId: string, client: string, caller: Caller = NO_WRITER, bookmarks: readonly string[] = []): Context {
  const executor = new CypherExecutor(options.driver, {
    database: options.database,
    timeoutMs: options.timeoutMs,
    ...(options.maxRetryTimeMs !== undefined ? { maxRetryTimeMs: options.maxRetryTimeMs } : {}),
    metadata: { app: 'tianshan', requestId },
    ...(options.onQuery ? { onQuery: options.onQuery } : {}),
    ...(options.sessions ? { sessions: options.sessions } : {}),
    bookmarks,
  });
  return { requestId, executor, loaders: createLoaders(executor), planRelations: options.planRelations ?? true, caller, client, changes: options.changes };
}
