import type { Driver } from 'neo4j-driver';
import { CypherExecutor } from '../cypher/executor.ts';
import type { SessionTracker } from '../cypher/sessions.ts';
import { ChangeFeed } from '../services/changes/feed.ts';
import type { Logger } from './log.ts';

export interface ChangeFeedSetup {
  readonly driver: Driver;
  readonly database: string;
  readonly timeoutMs: number;
  readonly sessions?: SessionTracker | undefined;
  /** CHANGES_POLL_MS */
  readonly pollMs: number;
  /** MAX_SUBSCRIPTIONS_PER_CLIENT */
  readonly maxPerClient: number;
  readonly log: Logger;
}

/** The process's one follower of the change log, with an executor of its own (its reads show as `change-feed` in Neo4j). */
export function createChangeFeed(setup: ChangeFeedSetup): ChangeFeed {
  const executor = new CypherExecutor(setup.driver, {
    database: setup.database,
    timeoutMs: setup.timeoutMs,
    metadata: { app: 'tianshan', requestId: 'change-feed' },
    ...(setup.sessions ? { sessions: setup.sessions } : {}),
  });
  return new ChangeFeed(executor, {
    pollMs: setup.pollMs,
    maxPerClient: setup.maxPerClient,
    // Subscribers keep waiting, and the next read comes after the interval: Neo4j may be back by then.
    onError: (error) => setup.log.warn('cannot read the change log; trying again', { error }),
  });
}
