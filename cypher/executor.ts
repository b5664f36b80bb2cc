import neo4j, { type BookmarkManager, type Driver, type QueryResult, type Session, type SessionMode } from 'neo4j-driver';
import { toDatabaseError, toFinalDatabaseError } from './driver-errors.ts';
import { DatabaseUnavailable } from './errors.ts';
import type { CypherQuery } from './query.ts';
import { DEFAULT_MAX_RETRY_TIME_MS, retryTransient } from './retry.ts';
import type { SessionTracker } from './sessions.ts';

export interface ExecutorOptions {
  readonly database: string;
  /** Every transaction is stopped by Neo4j after this long. */
  readonly timeoutMs: number;
  /**
   * NEO4J_MAX_RETRY_TIME_MS, as given to the driver (createDriver): reads retry within it as the driver's
   * managed transactions do. Callers without a Config get its default.
   */
  readonly maxRetryTimeMs?: number;
  /** Reaches Neo4j as transaction metadata (visible in SHOW TRANSACTIONS and the query log). */
  readonly metadata?: Record<string, string>;
  /** Called after each round-trip: for debug logs and metrics. */
  readonly onQuery?: (event: QueryEvent) => void;
  /** Shared by the process's executors: counts open sessions, and refuses new ones at shutdown. */
  readonly sessions?: SessionTracker;
  /**
   * Bookmarks of writes the caller has seen (a client sends back what a mutation answered): every statement of
   * this executor then waits until the member of a cluster it runs on has those writes. None: no waiting.
   */
  readonly bookmarks?: readonly string[];
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
  #writeBookmarks: readonly string[] = [];
  /** One per executor, so its statements and the writes among them chain causally; only when bookmarks were given. */
  readonly #bookmarkManager: BookmarkManager | undefined;

  constructor(
    private readonly driver: Driver,
    private readonly options: ExecutorOptions,
  ) {
    this.#bookmarkManager = options.bookmarks?.length ? neo4j.bookmarkManager({ initialBookmarks: [...options.bookmarks] }) : undefined;
  }

  /** How many queries this executor has sent to Neo4j. */
  get roundTrips(): number {
    return this.#roundTrips;
  }

  /** The bookmarks of this executor's last write: what a client sends back to read its own writes on any member of a cluster. */
  get writeBookmarks(): readonly string[] {
    return this.#writeBookmarks;
  }

  /**
   * Runs one read query as an auto-commit transaction: one network round-trip, where a managed transaction
   * needs a second for its COMMIT (measured: 1.6x the reads per second, 0.6x the driver's CPU per read).
   * Auto-commit runs are not retried by the driver, so transient failures are retried here, as the driver
   * would; a read has no effect to repeat.
   */
  async read<P extends Record<string, unknown>, R>(query: CypherQuery<P, R>, params: P): Promise<R[]> {
    const maxRetryTimeMs = this.options.maxRetryTimeMs ?? DEFAULT_MAX_RETRY_TIME_MS;
    return this.#guarded(() =>
      retryTransient(
        () => this.#inSession(neo4j.session.READ, (session) => this.#run((text) => session.run(text, params, this.#txConfig()), query, params)),
        maxRetryTimeMs,
        // A read waiting to retry at shutdown fails instead: the process is waiting for its sessions to end.
        () => this.options.sessions?.accepting ?? true,
      ),
    );
  }

  /**
   * Runs `work` in one write transaction, retried as a whole on transient errors. It commits
   * together or not at all: if the connection is lost before the commit, Neo4j rolls it back.
   */
  async write<T>(work: (tx: WriteTransaction) => Promise<T>): Promise<T> {
    return this.#guarded(() =>
      this.#inSession(neo4j.session.WRITE, async (session) => {
        const result = await session.executeWrite(
          (tx) => work({ run: (query, params) => this.#run((text) => tx.run(text, params), query, params).catch(rethrowFinal) }),
          this.#txConfig(),
        );
        this.#writeBookmarks = session.lastBookmarks();
        return result;
      }),
    );
  }

  /** Counts the session as open (refused at shutdown), and turns driver errors into ours (cypher/errors.ts). */
  async #guarded<T>(work: () => Promise<T>): Promise<T> {
    const { sessions } = this.options;
    if (sessions && !sessions.enter()) throw new DatabaseUnavailable('shutdown');
    try {
      return await work();
    } catch (error) {
      throw toDatabaseError(error);
    } finally {
      sessions?.leave();
    }
  }

  async #inSession<T>(mode: SessionMode, use: (session: Session) => Promise<T>): Promise<T> {
    const session = this.driver.session({
      database: this.options.database,
      defaultAccessMode: mode,
      ...(this.#bookmarkManager ? { bookmarkManager: this.#bookmarkManager } : {}),
    });
    try {
      return await use(session);
    } finally {
      await session.close();
    }
  }

  #txConfig() {
    return { timeout: this.options.timeoutMs, metadata: this.options.metadata ?? {} };
  }

  async #run<P extends Record<string, unknown>, R>(send: (text: string) => Promise<QueryResult>, query: CypherQuery<P, R>, params: P): Promise<R[]> {
    this.#roundTrips += 1;
    const started = performance.now();
    let ok = false;
    try {
      const result = await send(query.text);
      ok = true;
      return result.records.map((record) => record.toObject() as R);
    } finally {
      this.options.onQuery?.({ name: query.name, text: query.text, params, ms: performance.now() - started, ok });
    }
  }
}

/** A constraint failure inside a write becomes ConstraintViolated where the work can catch it; the rest stays the driver's, to be retried. */
function rethrowFinal(error: unknown): never {
  throw toFinalDatabaseError(error);
}
