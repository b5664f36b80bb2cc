import neo4j from 'neo4j-driver';
import { ErrorCode, clientError } from '../server/errors.ts';

/**
 * What a driver error means for the client. Whatever the driver considers retryable has been retried by the
 * time an error gets here: writes by the driver (createDriver's maxTransactionRetryTime), reads by
 * retryTransient (cypher/retry.ts) within the same bound.
 */
export type DriverErrorKind = 'unavailable' | 'timeout' | 'other';

const TIMED_OUT = new Set([
  'Neo.ClientError.Transaction.TransactionTimedOut',
  'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration',
]);

/**
 * Errors the driver raises itself, without a server code (`code` is 'N/A'): its pool has no
 * connection to give within connectionAcquisitionTimeout, or it is closed (the process is stopping).
 * Only their messages tell them apart; tests/unit/retry-classification.test.ts pins them.
 */
const POOL_FAILURES = [/^Connection acquisition timed out/, /^Pool is closed/];

export function classifyDriverError(error: unknown): DriverErrorKind {
  if (!(error instanceof neo4j.Neo4jError)) return 'other';
  if (TIMED_OUT.has(error.code)) return 'timeout';
  // Retryable means "not the query's fault": ServiceUnavailable and SessionExpired (no server or a
  // lost connection) and every Neo.TransientError (database unavailable, deadlock) that outlived
  // the retries. Syntax, constraint and other client errors are not, and stay 'other'.
  if (neo4j.isRetryableError(error)) return 'unavailable';
  if (POOL_FAILURES.some((pattern) => pattern.test(error.message))) return 'unavailable';
  return 'other';
}

/** Driver errors become our own codes; the original is kept as `cause` for the server log only. */
export function toClientError(error: unknown): unknown {
  switch (classifyDriverError(error)) {
    case 'unavailable':
      return withCause(clientError(ErrorCode.ServiceUnavailable, 'The database is not reachable right now; try again shortly.'), error);
    case 'timeout':
      return withCause(clientError(ErrorCode.Timeout, 'The query took too long and was stopped; ask for less (smaller `first`, fewer hops).'), error);
    case 'other':
      // Unexpected: Yoga masks it for the client and logs it with its stack.
      return error;
  }
}

function withCause<E extends Error>(error: E, cause: unknown): E {
  // Not enumerable, so it never reaches a response's JSON.
  Object.defineProperty(error, 'cause', { value: cause, enumerable: false });
  return error;
}
