/**
 * Why a statement failed, in the database's terms. cypher/ raises these; the layers above decide
 * what a client hears (schema/errors.ts). Each keeps the driver's error as its `cause`, for the log.
 */

/** Neo4j cannot be reached, or is not taking transactions (stopped, busy, the process shutting down). */
export class DatabaseUnavailable extends Error {
  override readonly name = 'DatabaseUnavailable';
  constructor(
    /** `shutdown` when this process refuses new transactions because it is stopping. */
    readonly reason: 'unreachable' | 'shutdown',
    options?: ErrorOptions,
  ) {
    super(reason === 'shutdown' ? 'the process is shutting down' : 'Neo4j is not reachable', options);
  }
}

/** Neo4j stopped a transaction that ran longer than its timeout (NEO4J_TX_TIMEOUT_MS). */
export class QueryTimedOut extends Error {
  override readonly name = 'QueryTimedOut';
  constructor(options?: ErrorOptions) {
    super('the transaction ran past its timeout', options);
  }
}

/** A write broke a schema constraint (an id that exists already). */
export class ConstraintViolated extends Error {
  override readonly name = 'ConstraintViolated';
  constructor(options?: ErrorOptions) {
    super('a schema constraint refused the write', options);
  }
}

/** Neo4j could not use the bookmarks a caller passed (not ones it gave out): the caller's mistake, never retried. */
export class InvalidBookmark extends Error {
  override readonly name = 'InvalidBookmark';
  constructor(options?: ErrorOptions) {
    super('Neo4j refused the bookmarks given', options);
  }
}
