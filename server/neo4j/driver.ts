import neo4j, { type Driver } from 'neo4j-driver';
import { messageOf } from '../../model/errors.ts';
import { loadConfig } from '../config.ts';
import { StartupError } from '../errors.ts';
import type { Neo4jTarget } from './acquire.ts';

export interface DriverOptions {
  readonly poolSize: number;
  /** NEO4J_CONNECT_TIMEOUT_MS; callers without a Config (tools, tests) get its default. */
  readonly connectTimeoutMs?: number;
  /** NEO4J_MAX_RETRY_TIME_MS; callers without a Config get its default. */
  readonly maxRetryTimeMs?: number;
}

/** The one driver of the process. Integers arrive as JS numbers: our counts and years fit in 2^53. */
export function createDriver(target: Neo4jTarget, options: DriverOptions): Driver {
  const auth = target.user !== undefined && target.password !== undefined ? neo4j.auth.basic(target.user, target.password) : undefined;
  const defaults = loadConfig({});
  const connectTimeoutMs = options.connectTimeoutMs ?? defaults.NEO4J_CONNECT_TIMEOUT_MS;
  return neo4j.driver(target.uri, auth, {
    disableLosslessIntegers: true,
    maxConnectionPoolSize: options.poolSize,
    // Fail fast when Neo4j is gone rather than queueing requests: one bound for opening a connection
    // and for waiting for a free one (the driver wants acquisition >= connection timeout).
    connectionAcquisitionTimeout: connectTimeoutMs,
    connectionTimeout: connectTimeoutMs,
    // executeWrite retries transient errors (deadlocks, a lost connection) until this much time has passed
    // since the first try; anything else (syntax, constraints) fails at once. Reads run as auto-commit
    // transactions and retry on the same schedule themselves (CypherExecutor.read, given the same bound).
    maxTransactionRetryTime: options.maxRetryTimeMs ?? defaults.NEO4J_MAX_RETRY_TIME_MS,
    userAgent: 'tianshan',
  });
}

/** Checks that Neo4j answers, turning the driver's error into one line a person can act on. */
export async function verifyNeo4j(driver: Driver, target: Neo4jTarget): Promise<void> {
  try {
    await driver.verifyConnectivity({ database: target.database });
  } catch (error) {
    const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
    const hint = code.includes('Unauthorized')
      ? 'check NEO4J_USER and NEO4J_PASSWORD'
      : code.includes('DatabaseNotFound')
        ? 'check NEO4J_DATABASE'
        : 'check that Neo4j is running and that NEO4J_URI is right';
    throw new StartupError(`cannot use Neo4j at ${target.uri}: ${messageOf(error).split('\n')[0]} (${hint})`);
  }
}

/**
 * Resolves once Neo4j answers, rejects if it does not within `timeoutMs`: a server that accepts
 * connections but never replies must not hang `/ready` for the driver's whole connection timeout.
 */
export async function checkNeo4jWithin(driver: Driver, database: string, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`Neo4j did not answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    // The race also handles a late rejection of the losing check, so none goes unhandled.
    await Promise.race([driver.verifyConnectivity({ database }), deadline]);
  } finally {
    clearTimeout(timer);
  }
}
