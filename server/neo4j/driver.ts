import neo4j, { type Driver } from 'neo4j-driver';
import { StartupError, messageOf } from '../errors.ts';
import type { Neo4jTarget } from './acquire.ts';

export interface DriverOptions {
  readonly poolSize: number;
}

/** The one driver of the process. Integers arrive as JS numbers: our counts and years fit in 2^53. */
export function createDriver(target: Neo4jTarget, options: DriverOptions): Driver {
  const auth = target.user !== undefined && target.password !== undefined ? neo4j.auth.basic(target.user, target.password) : undefined;
  return neo4j.driver(target.uri, auth, {
    disableLosslessIntegers: true,
    maxConnectionPoolSize: options.poolSize,
    // Fail fast when Neo4j is gone rather than queueing requests for a minute.
    connectionAcquisitionTimeout: 5_000,
    connectionTimeout: 5_000,
    maxTransactionRetryTime: 3_000,
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
