import neo4j, { type Driver, type ManagedTransaction, type Neo4jError } from 'neo4j-driver';
import { ErrorCode, clientError } from '../server/errors.ts';
import type { CypherQuery } from './query.ts';

export interface ExecutorOptions {
  readonly database: string;
  /** Every transaction is stopped by Neo4j after this long. */
  readonly timeoutMs: number;
  /** Reaches Neo4j as transaction metadata (visible in SHOW TRANSACTIONS and the query log). */
  readonly metadata?: Record<string, string>;
  /** Called after each round-trip: for debug logs and metrics. */
  readonly onQuery?: (event: QueryEvent) => void;
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

const UNAVAILABLE = new Set(['ServiceUnavailable', 'SessionExpired']);
const TIMED_OUT = new Set([
  'Neo.ClientError.Transaction.TransactionTimedOut',
  'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration',
]);

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

  async read<P extends Record<string, unknown>, R>(query: CypherQuery<P, R>, params: P): Promise<R[]> {
    const session = this.driver.session({ database: this.options.database, defaultAccessMode: neo4j.session.READ });
    try {
      return await session.executeRead((tx) => this.#run(tx, query, params), this.#txConfig());
    } catch (error) {
      throw translate(error);
    } finally {
      await session.close();
    }
  }

  /** Runs `work` in one write transaction, retried as a whole on transient errors. */
  async write<T>(work: (tx: WriteTransaction) => Promise<T>): Promise<T> {
    const session = this.driver.session({ database: this.options.database, defaultAccessMode: neo4j.session.WRITE });
    try {
      return await session.executeWrite(
        (tx) => work({ run: (query, params) => this.#run(tx, query, params) }),
        this.#txConfig(),
      );
    } catch (error) {
      throw translate(error);
    } finally {
      await session.close();
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

/** Driver errors become our own codes; the original is kept as `cause` for the server log only. */
function translate(error: unknown): unknown {
  if (!isNeo4jError(error)) return error;
  if (UNAVAILABLE.has(error.code)) {
    return withCause(clientError(ErrorCode.ServiceUnavailable, 'The database is not reachable right now; try again shortly.'), error);
  }
  if (TIMED_OUT.has(error.code)) {
    return withCause(clientError(ErrorCode.Timeout, 'The query took too long and was stopped; ask for less (smaller `first`, fewer hops).'), error);
  }
  return error;
}

function isNeo4jError(error: unknown): error is Neo4jError {
  return error instanceof neo4j.Neo4jError;
}

function withCause<E extends Error>(error: E, cause: unknown): E {
  Object.defineProperty(error, 'cause', { value: cause, enumerable: false });
  return error;
}
