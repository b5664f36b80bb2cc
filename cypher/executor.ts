import neo4j, { type Driver, type ManagedTransaction, type Session, type SessionMode } from 'neo4j-driver';
import { ErrorCode, clientError } from '../server/errors.ts';
import { toClientError } from './driver-errors.ts';
import type { SessionTracker } from './sessions.ts';
import type { CypherQuery } from './query.ts';

export interface ExecutorOptions {
  readonly database: string;
  /** Every transaction is stopped by Neo4j after this long. */
  readonly timeoutMs: number;
  /** Reaches Neo4j as transaction metadata (visible in SHOW TRANSACTIONS and the query log). */
  readonly metadata?: Record<string, string>;
  /** Called after each round-trip: for debug logs and metrics. */
  readonly onQuery?: (event: QueryEvent) => void;
  /** Shared by the process's executors: counts open sessions, and refuses new ones at shutdown. */
  readonly sessions?: SessionTracker;
}

export interface QueryEvent {
  readonly name: string;
  readonly text: string;
  readonly params: Record<string, unknown>;
  readonly ms: number;
  readonly ok: boolean;
}

/** A write transaction: every query run through it commits together or not at all. */
export interface WriteTransaction {
  run<P extends Record<string, unknown>, R>(query: CypherQuery<P, R>, params: P): Promise<R[]>;
}

/**
 * The one place that runs Cypher. One executor per request (it counts that request's
 * round-trips) over the process's shared driver; sessions are always closed in `finally`.
 */
export class CypherExecutor {
  #roundTrips = 0;

  constructor(
    private readonly driver: Driver,
    private readonly options: ExecutorOptions,
  ) {}

  /** How many queries this executor has sent to Neo4j. */
  get roundTrips(): number {
    return this.#roundTrips;
  }

  /** Runs one read query in a read transaction, retried by the driver on transient errors. */
  async read<P extends Record<string, unknown>, R>(query: CypherQuery<P, R>, params: P): Promise<R[]> {
    return this.#inSession(neo4j.session.READ, (session) => session.executeRead((tx) => this.#run(tx, query, params), this.#txConfig()));
  }

  /**
   * Runs `work` in one write transaction, retried as a whole on transient errors. It commits
   * together or not at all: if the connection is lost before the commit, Neo4j rolls it back.
   */
  async write<T>(work: (tx: WriteTransaction) => Promise<T>): Promise<T> {
    return this.#inSession(neo4j.session.WRITE, (session) =>
      session.executeWrite((tx) => work({ run: (query, params) => this.#run(tx, query, params) }), this.#txConfig()),
    );
  }

  async #inSession<T>(mode: SessionMode, use: (session: Session) => Promise<T>): Promise<T> {
    const { sessions } = this.options;
    if (sessions && !sessions.enter()) {
      throw clientError(ErrorCode.ServiceUnavailable, 'The server is shutting down; try again shortly.');
    }
    try {
      const session = this.driver.session({ database: this.options.database, defaultAccessMode: mode });
      try {
        return await use(session);
      } finally {
        await session.close();
      }
    } catch (error) {
      throw toClientError(error);
    } finally {
      sessions?.leave();
    }
  }

  #txConfig() {
    return { timeout: this.options.timeoutMs, metadata: this.options.metadata ?? {} };
  }

  async #run<P extends Record<string, unknown>, R>(tx: ManagedTransaction, query: CypherQuery<P, R>, params: P): Promise<R[]> {
    this.#roundTrips += 1;
    const started = performance.now();
    let ok = false;
    try {
      const result = await tx.run(query.text, params);
      ok = true;
      return result.records.map((record) => record.toObject() as R);
    } finally {
      this.options.onQuery?.({ name: query.name, text: query.text, params, ms: performance.now() - started, ok });
    }
  }
}
