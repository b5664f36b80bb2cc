import neo4j from 'neo4j-driver';
import { ConstraintViolated, DatabaseUnavailable, InvalidBookmark, QueryTimedOut } from './errors.ts';

/**
 * What a driver error means. Whatever the driver considers retryable has been retried by the time an error gets
 * here: writes by the driver (createDriver's maxTransactionRetryTime), reads by retryTransient (cypher/retry.ts)
 * within the same bound.
 */
export type DriverErrorKind = 'unavailable' | 'timeout' | 'constraint' | 'bookmark' | 'other';

const TIMED_OUT = new Set([
  'Neo.ClientError.Transaction.TransactionTimedOut',
  'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration',
]);

/**
 * Transactions Neo4j stopped from outside the query (5.x reports these as client errors): ended while
 * waiting for a lock or running, by the timeout while the database was busy (the first writes on a JVM
 * just restarted), by an operator, or at shutdown. Nothing was committed and Neo4j's own advice is to
 * retry in a new transaction, which is what SERVICE_UNAVAILABLE with Retry-After tells a client.
 */
const TERMINATED = new Set(['Neo.ClientError.Transaction.LockClientStopped', 'Neo.ClientError.Transaction.Terminated']);

const CONSTRAINT_FAILED = 'Neo.ClientError.Schema.ConstraintValidationFailed';

const BAD_BOOKMARKS = new Set(['Neo.ClientError.Transaction.InvalidBookmark', 'Neo.ClientError.Transaction.InvalidBookmarkMixture']);

/**
 * Errors the driver raises itself, without a server code (`code` is 'N/A'): its pool has no
 * connection to give within connectionAcquisitionTimeout, or it is closed (the process is stopping).
 * Only their messages tell them apart; tests/unit/retry-classification.test.ts pins them.
 */
const POOL_FAILURES = [/^Connection acquisition timed out/, /^Pool is closed/];

export function classifyDriverError(error: unknown): DriverErrorKind {
  if (!(error instanceof neo4j.Neo4jError)) return 'other';
  if (TIMED_OUT.has(error.code)) return 'timeout';
  if (error.code === CONSTRAINT_FAILED) return 'constraint';
  if (BAD_BOOKMARKS.has(error.code)) return 'bookmark';
  // Retryable means "not the query's fault": ServiceUnavailable and SessionExpired (no server or a
  // lost connection) and every Neo.TransientError (database unavailable, deadlock) that outlived
  // the retries. Syntax and other client errors are not, and stay 'other'.
  if (neo4j.isRetryableError(error)) return 'unavailable';
  if (TERMINATED.has(error.code)) return 'unavailable';
  if (POOL_FAILURES.some((pattern) => pattern.test(error.message))) return 'unavailable';
  return 'other';
}

/** A driver error as one of ours (cypher/errors.ts), the driver's kept as `cause`; anything else unchanged. */
export function toDatabaseError(error: unknown): unknown {
  switch (classifyDriverError(error)) {
    case 'unavailable':
      return new DatabaseUnavailable('unreachable', { cause: error });
    case 'timeout':
      return new QueryTimedOut({ cause: error });
    case 'constraint':
      return new ConstraintViolated({ cause: error });
    case 'bookmark':
      return new InvalidBookmark({ cause: error });
    case 'other':
      // Unexpected: the server masks it for the client and logs it with its stack.
      return error;
  }
}

/**
 * Inside a write transaction, only what no retry can mend becomes ours: the driver retries the whole
 * transaction on the transient errors it still needs to see as its own.
 */
export function toFinalDatabaseError(error: unknown): unknown {
  return classifyDriverError(error) === 'constraint' ? toDatabaseError(error) : error;
}
