// Which driver errors are retried (by the driver's managed transactions and by our auto-commit reads,
// within NEO4J_MAX_RETRY_TIME_MS) and which client code each becomes. The table pins the driver's own
// rule, so a driver upgrade that changes it fails here; the rest uses a real driver against
// loopback listeners that misbehave the way a stopped or hung Neo4j does.
import { once } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import { GraphQLError } from 'graphql';
import neo4j, { type Driver } from 'neo4j-driver';
import { afterEach, describe, expect, it } from 'vitest';
import { classifyDriverError, toDatabaseError, type DriverErrorKind } from '../../cypher/driver-errors.ts';
import { ConstraintViolated, DatabaseUnavailable, QueryTimedOut } from '../../cypher/errors.ts';
import { CypherExecutor } from '../../cypher/executor.ts';
import { ping } from '../../cypher/health.ts';
import { retryTransient } from '../../cypher/retry.ts';
import { ErrorCode, clientErrorOf } from '../../schema/errors.ts';
import { createDriver } from '../../server/neo4j/driver.ts';
import { clientCodeOf } from '../support/client-code.ts';

function driverError(code: string, message = `a ${code}`): InstanceType<typeof neo4j.Neo4jError> {
  return new neo4j.Neo4jError(message, code, '50N42', 'error: general processing exception');
}

describe('classifying driver errors', () => {
  const cases: [code: string, retried: boolean, kind: DriverErrorKind][] = [
    // The query's own fault: retrying cannot help, so it fails at once and is masked for the client.
    ['Neo.ClientError.Statement.SyntaxError', false, 'other'],
    // A write that broke a constraint (an id taken meanwhile): the service that wrote decides what it means.
    ['Neo.ClientError.Schema.ConstraintValidationFailed', false, 'constraint'],
    // Bookmarks a client sent back that Neo4j never gave out (or mixed from two databases): its mistake.
    ['Neo.ClientError.Transaction.InvalidBookmark', false, 'bookmark'],
    ['Neo.ClientError.Transaction.InvalidBookmarkMixture', false, 'bookmark'],
    ['Neo.ClientError.Statement.ParameterMissing', false, 'other'],
    ['Neo.ClientError.Security.Unauthorized', false, 'other'],
    // Stopped by Neo4j after NEO4J_TX_TIMEOUT_MS: retrying would only take as long again.
    ['Neo.ClientError.Transaction.TransactionTimedOut', false, 'timeout'],
    ['Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration', false, 'timeout'],
    // Database gone or busy: retried within the bound, then SERVICE_UNAVAILABLE.
    ['ServiceUnavailable', true, 'unavailable'],
    ['SessionExpired', true, 'unavailable'],
    ['Neo.TransientError.General.DatabaseUnavailable', true, 'unavailable'],
    ['Neo.TransientError.Transaction.DeadlockDetected', true, 'unavailable'],
    ['Neo.TransientError.Transaction.LockClientStopped', true, 'unavailable'],
    // Stopped from outside while it waited for a lock or ran (Neo4j 5 calls these client errors): nothing
    // was written, and a new transaction succeeds, so the client is told to retry, not to ask for less.
    ['Neo.ClientError.Transaction.LockClientStopped', false, 'unavailable'],
    ['Neo.ClientError.Transaction.Terminated', false, 'unavailable'],
  ];

  it.each(cases)('%s: retried by the driver %s, classified %s', (code, retried, kind) => {
    const error = driverError(code);
    expect(neo4j.isRetryableError(error)).toBe(retried);
    expect(classifyDriverError(error)).toBe(kind);
  });

  it('treats the pool giving up or being closed as unavailable (the driver gives those no code)', () => {
    expect(classifyDriverError(driverError('N/A', 'Connection acquisition timed out in 2000 ms. Pool status: Active conn count = 50, Idle conn count = 0.'))).toBe('unavailable');
    expect(classifyDriverError(driverError('N/A', 'Pool is closed, it is no more able to serve requests.'))).toBe('unavailable');
    expect(classifyDriverError(driverError('N/A', 'Cannot pack this value'))).toBe('other');
  });

  it('leaves errors that are not the driver\'s alone', () => {
    const error = new TypeError('a bug');
    expect(classifyDriverError(error)).toBe('other');
    expect(toDatabaseError(error)).toBe(error);
    expect(clientErrorOf(error)).toBe(error);
  });

  it('raises the database\'s own errors, each keeping the driver\'s as its cause', () => {
    const cases = [
      [driverError('ServiceUnavailable'), DatabaseUnavailable],
      [driverError('Neo.ClientError.Transaction.TransactionTimedOut'), QueryTimedOut],
      [driverError('Neo.ClientError.Schema.ConstraintValidationFailed'), ConstraintViolated],
    ] as const;
    for (const [cause, type] of cases) {
      const error = toDatabaseError(cause);
      expect(error).toBeInstanceOf(type);
      expect((error as Error).cause).toBe(cause);
    }
  });

  it('gives the client a coded error and keeps the driver error as a cause that is not serialised', () => {
    const cause = driverError('ServiceUnavailable', 'Failed to connect to server 10.0.0.1:7687');
    const translated = clientErrorOf(toDatabaseError(cause));
    expect(translated).toBeInstanceOf(GraphQLError);
    const error = translated as GraphQLError;
    expect(error.extensions['code']).toBe(ErrorCode.ServiceUnavailable);
    expect(error.cause).toBe(cause);
    expect(JSON.stringify(error.toJSON())).not.toContain('10.0.0.1');
  });
});

describe('retryTransient (auto-commit reads)', () => {
  it('tries a query that Neo4j refuses once, whatever the bound', async () => {
    let attempts = 0;
    const refused = driverError('Neo.ClientError.Statement.SyntaxError');
    await expect(retryTransient(() => Promise.reject(refused).finally(() => (attempts += 1)), 60_000)).rejects.toBe(refused);
    expect(attempts).toBe(1);
  });

  it('counts its bound from the first failure, so a try that took longer than the bound to fail is retried', async () => {
    let attempts = 0;
    const answer = await retryTransient(async () => {
      attempts += 1;
      if (attempts === 1) {
        await new Promise((resolve) => setTimeout(resolve, 300));
        throw driverError('ServiceUnavailable');
      }
      return 'answer';
    }, 200);
    expect([answer, attempts]).toEqual(['answer', 2]);
  });

  it('does not retry once it may not (the process is shutting down)', async () => {
    let attempts = 0;
    const lost = driverError('ServiceUnavailable');
    await expect(retryTransient(() => Promise.reject(lost).finally(() => (attempts += 1)), 60_000, () => false)).rejects.toBe(lost);
    expect(attempts).toBe(1);
  });

  it('tries a transient failure again after about a second, and returns what the retry gives', async () => {
    let attempts = 0;
    const started = performance.now();
    const answer = await retryTransient(async () => {
      attempts += 1;
      if (attempts === 1) throw driverError('Neo.TransientError.Transaction.DeadlockDetected');
      return 'answer';
    }, 500);
    expect(answer).toBe('answer');
    expect(attempts).toBe(2);
    expect(performance.now() - started).toBeGreaterThanOrEqual(790);
  });
});

/** A TCP listener on loopback that does something unhelpful with each connection, and counts them. */
async function misbehavingServer(onConnection: (socket: Socket) => void): Promise<{ server: Server; uri: string; connections: () => number }> {
  let connections = 0;
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    onConnection(socket);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  const close = server.close.bind(server);
  server.close = (callback) => {
    for (const socket of sockets) socket.destroy();
    return close(callback);
  };
  return { server, uri: `bolt://127.0.0.1:${address.port}`, connections: () => connections };
}

async function readFails(driver: Driver, maxRetryTimeMs: number): Promise<{ error: unknown; ms: number }> {
  const executor = new CypherExecutor(driver, { database: 'neo4j', timeoutMs: 1_000, maxRetryTimeMs });
  const started = performance.now();
  try {
    await executor.read(ping, {});
  } catch (error) {
    return { error, ms: performance.now() - started };
  }
  throw new Error('the read succeeded against a server that cannot answer');
}


describe('a real driver against a Neo4j that cannot answer', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  async function setUp(onConnection: (socket: Socket) => void, options: { connectTimeoutMs?: number; maxRetryTimeMs: number }) {
    const peer = await misbehavingServer(onConnection);
    const driver = createDriver({ way: 'uri', uri: peer.uri, user: undefined, password: undefined, database: 'neo4j', stop: async () => {} }, { poolSize: 4, ...options });
    cleanups.push(async () => {
      await driver.close();
      await new Promise<void>((resolve) => peer.server.close(() => resolve()));
    });
    // Reads retry on their own (auto-commit), with the bound the driver is given for writes.
    return { driver, connections: peer.connections, readFails: () => readFails(driver, options.maxRetryTimeMs) };
  }

  it('retries a lost connection once within the default bound, then fails SERVICE_UNAVAILABLE', async () => {
    const { connections, readFails: read } = await setUp((socket) => socket.destroy(), { maxRetryTimeMs: 500 });
    const { error, ms } = await read();
    expect(clientCodeOf(error)).toBe(ErrorCode.ServiceUnavailable);
    // The driver waits 0.8-1.2 s before its second try; by then 500 ms have passed, so no third.
    expect(connections()).toBe(2);
    expect(ms).toBeLessThan(2_000);
  });

  it('tries more often under a longer bound, and never past it', async () => {
    const { connections, readFails: read } = await setUp((socket) => socket.destroy(), { maxRetryTimeMs: 1_500 });
    const { error, ms } = await read();
    expect(clientCodeOf(error)).toBe(ErrorCode.ServiceUnavailable);
    // Tries at about 0 s, 1 s (within 1.5 s: one more) and 3 s (past it: the last).
    expect(connections()).toBe(3);
    expect(ms).toBeLessThan(4_500);
  });

  it('gives up on a server that accepts but never answers after NEO4J_CONNECT_TIMEOUT_MS', async () => {
    const { readFails: read } = await setUp(() => {}, { connectTimeoutMs: 300, maxRetryTimeMs: 0 });
    const { error, ms } = await read();
    expect(clientCodeOf(error)).toBe(ErrorCode.ServiceUnavailable);
    expect(ms).toBeGreaterThanOrEqual(250);
    expect(ms).toBeLessThan(1_500);
  });

  it('reports a closed driver (the process stopping) as SERVICE_UNAVAILABLE', async () => {
    const { driver, readFails: read } = await setUp((socket) => socket.destroy(), { maxRetryTimeMs: 0 });
    await read(); // the driver makes its pool on first use; only then is there one to close
    await driver.close();
    const { error } = await read();
    expect(clientCodeOf(error)).toBe(ErrorCode.ServiceUnavailable);
    expect((error as Error).cause).toMatchObject({ message: expect.stringMatching(/^Pool is closed/) });
  });
});
