// Neo4j going away under a running app, and coming back. This file starts its own embedded Neo4j
// (not the run's shared one) so that it can stop and restart it; the app is the real one, with the
// driver settings `npm start` uses by default (NEO4J_CONNECT_TIMEOUT_MS, NEO4J_MAX_RETRY_TIME_MS).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConstraintViolated } from '../../cypher/errors.ts';
import { CypherExecutor, type QueryEvent } from '../../cypher/executor.ts';
import { migrate } from '../../cypher/migrate.ts';
import { cypher } from '../../cypher/query.ts';
import { loadConfig } from '../../server/config.ts';
import { createLogger, silentLogger } from '../../server/log.ts';
import { createDriver } from '../../server/neo4j/driver.ts';
import { startEmbeddedNeo4j, type EmbeddedNeo4j } from '../../server/neo4j/embedded/index.ts';
import { freeLoopbackPort } from '../../server/neo4j/embedded/port.ts';
import { RETRY_AFTER_SECONDS } from '../../server/plugins/use-unavailable-status.ts';
import { createApp, type App } from '../../server/yoga.ts';
import { loadDataset } from '../../services/ingest/load.ts';
import { SEED_DIR } from '../support/database.ts';

const DATABASE = 'neo4j';
const SEARCH = 'query Search { search(query: "pass") { totalCount } }';
/** Bounds the measurements below must stay within; the figures themselves are printed. */
const DETECT_WITHIN_MS = 5_000;
const FAIL_WITHIN_MS = 2_500;
const RECOVER_WITHIN_MS = 10_000;

interface Response {
  readonly status: number;
  readonly body: { data?: unknown; errors?: { extensions?: { code?: string } }[] };
}

let dataDir: string;
let boltPort: number;
let neo4j: EmbeddedNeo4j | undefined;
let driver: Driver;
let app: App;
const logLines: Record<string, unknown>[] = [];

const startNeo4j = () => startEmbeddedNeo4j({ dataDir, boltPort, heap: '512m', pageCache: '64m', log: silentLogger });

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tianshan-outage-'));
  boltPort = await freeLoopbackPort();
  neo4j = await startNeo4j();
  // NEO4J_POOL_SIZE's default: with more requests in flight than connections, the rest wait up to
  // NEO4J_CONNECT_TIMEOUT_MS for one, and a failure takes about that much longer.
  const poolSize = loadConfig({}).NEO4J_POOL_SIZE;
  driver = createDriver({ way: 'uri', uri: neo4j.uri, user: neo4j.user, password: neo4j.password, database: DATABASE, stop: async () => {} }, { poolSize });
  await migrate(driver, DATABASE);
  await loadDataset(new CypherExecutor(driver, { database: DATABASE, timeoutMs: 60_000 }), SEED_DIR);
  const log = createLogger({ level: 'debug', sink: (_level, line) => logLines.push(JSON.parse(line) as Record<string, unknown>) });
  // Generous: the first query on the restarted, cold JVM (fulltext index opened, plans compiled) may share
  // two busy cores; failing fast while Neo4j is away is the connect timeout's job, not this one's.
  app = createApp({ driver, database: DATABASE, timeoutMs: 30_000, log });
});

afterAll(async () => {
  await driver?.close();
  await neo4j?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function get(pathname: string): Promise<number> {
  const response = await app.fetch(`http://test${pathname}`);
  await response.arrayBuffer();
  return response.status;
}

async function graphql(query: string, accept = 'application/json'): Promise<Response & { ms: number; retryAfter: string | null }> {
  const started = performance.now();
  const response = await app.fetch('http://test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as Response['body'];
  return { status: response.status, body, ms: performance.now() - started, retryAfter: response.headers.get('retry-after') };
}

const codesOf = (response: Response) => (response.body.errors ?? []).map((error) => error.extensions?.code);

/** Calls `check` every 100 ms until it holds; resolves with how long that took. */
async function timeUntil(check: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const started = performance.now();
  while (!(await check())) {
    if (performance.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return performance.now() - started;
}

function executorRecording(events: QueryEvent[]): CypherExecutor {
  return new CypherExecutor(driver, { database: DATABASE, timeoutMs: 5_000, onQuery: (event) => events.push(event) });
}

describe('retries', () => {
  const badSyntax = cypher<Record<string, never>, never>('test.badSyntax', 'RETURN RETURN');
  const duplicateEntity = cypher<{ id: string }, never>('test.duplicateEntity', 'CREATE (:Entity {id: $id})');
  const touch = cypher<{ id: string }, never>('test.touch', 'MATCH (p:RetryProbe {id: $id}) SET p.touched = coalesce(p.touched, 0) + 1');

  it('does not retry a syntax error or a constraint violation: one try, no retry delay', async () => {
    const events: QueryEvent[] = [];
    const started = performance.now();
    await expect(executorRecording(events).read(badSyntax, {})).rejects.toMatchObject({ code: 'Neo.ClientError.Statement.SyntaxError' });
    // Ours, for the service that wrote to decide what it means; the driver's kept as its cause.
    const duplicate = executorRecording(events).write((tx) => tx.run(duplicateEntity, { id: 'kyrgyzstan' }));
    await expect(duplicate).rejects.toBeInstanceOf(ConstraintViolated);
    await expect(duplicate).rejects.toMatchObject({ cause: { code: 'Neo.ClientError.Schema.ConstraintValidationFailed' } });
    expect(events.map((event) => event.name)).toEqual(['test.badSyntax', 'test.duplicateEntity']);
    // A retry would have waited about a second first.
    expect(performance.now() - started).toBeLessThan(800);
  });

  it('retries a deadlocked write as a whole, so it commits once and completely', async () => {
    await driver.executeQuery('CREATE (:RetryProbe {id: "a"}), (:RetryProbe {id: "b"})', {}, { database: DATABASE });
    // Two transactions lock a then b, and b then a, each waiting for the other to hold its first lock.
    let arrived = 0;
    let bothHoldOne!: () => void;
    const meeting = new Promise<void>((resolve) => (bothHoldOne = resolve));
    const events: QueryEvent[] = [];
    const lockInOrder = (first: string, second: string) => {
      let tries = 0;
      return executorRecording(events).write(async (tx) => {
        tries += 1;
        await tx.run(touch, { id: first });
        if (tries === 1 && ++arrived === 2) bothHoldOne();
        if (tries === 1) await meeting;
        await tx.run(touch, { id: second });
        return tries;
      });
    };
    const tries = await Promise.all([lockInOrder('a', 'b'), lockInOrder('b', 'a')]);
    // Neo4j picked one as the deadlock's victim (Neo.TransientError.Transaction.DeadlockDetected);
    // the driver ran that one's work again, and both committed.
    expect(tries.sort()).toEqual([1, 2]);
    expect(events.filter((event) => !event.ok)).toHaveLength(1);
    const { records } = await driver.executeQuery('MATCH (p:RetryProbe) RETURN p.id AS id, p.touched AS touched ORDER BY id', {}, { database: DATABASE });
    // Each probe touched once per committed transaction: the rolled-back try left nothing behind.
    expect(records.map((record) => [record.get('id'), record.get('touched')])).toEqual([
      ['a', 2],
      ['b', 2],
    ]);
  });
});

describe('a Neo4j outage', () => {
  it('turns /ready 503 and queries SERVICE_UNAVAILABLE within seconds, keeps /health 200, and recovers without a restart', { timeout: 180_000 }, async () => {
    expect(await get('/ready')).toBe(200);
    const before = await graphql(SEARCH);
    expect(before.body.errors).toBeUndefined();

    await neo4j?.stop();
    neo4j = undefined;
    const detectMs = await timeUntil(async () => (await get('/ready')) === 503, DETECT_WITHIN_MS);
    expect(await get('/health')).toBe(200);

    // Many at once, as under traffic: each fails on its own within the bound, none queues behind another.
    const failures = await Promise.all(Array.from({ length: 20 }, () => graphql(SEARCH)));
    for (const failure of failures) {
      expect(codesOf(failure)).toEqual(['SERVICE_UNAVAILABLE']);
      expect(failure.ms).toBeLessThan(FAIL_WITHIN_MS);
      // The driver's message (with the Bolt address) stays in the server log.
      expect(JSON.stringify(failure.body)).not.toContain(String(boltPort));
      // application/json: 200, as the GraphQL-over-HTTP spec asks for those clients.
      expect(failure.status).toBe(200);
    }
    // A client that accepts application/graphql-response+json hears it from the status, with when to try again.
    const spec = await graphql(SEARCH, 'application/graphql-response+json');
    expect(codesOf(spec)).toEqual(['SERVICE_UNAVAILABLE']);
    expect(spec.status).toBe(503);
    expect(spec.retryAfter).toBe(String(RETRY_AFTER_SECONDS));
    const failMs = failures.map((failure) => failure.ms).sort((a, b) => a - b);

    const restartStarted = performance.now();
    neo4j = await startNeo4j();
    const jvmStartMs = performance.now() - restartStarted;
    // Same driver, same app: no restart, and no request fails once Neo4j is back.
    const readyAgainMs = await timeUntil(async () => (await get('/ready')) === 200, RECOVER_WITHIN_MS);
    const first = await graphql(SEARCH);
    expect(first.body.errors).toBeUndefined();
    expect(first.body.data).toEqual(before.body.data);

    // The request log says what happened, at warn, with the client's code.
    const unavailable = logLines.filter((line) => line['msg'] === 'request' && (line['errorCodes'] as string[]).includes('SERVICE_UNAVAILABLE'));
    expect(unavailable.map((line) => line['status'])).toEqual([...failures.map(() => 200), 503]);
    for (const line of unavailable) {
      expect(line).toMatchObject({ level: 'warn', operation: 'Search' });
      expect(line['errorCauses']).toEqual([expect.stringMatching(/Failed to connect to server|Connection was closed/)]);
    }
    expect(logLines.some((line) => line['msg'] === 'not ready: Neo4j does not answer')).toBe(true);

    console.info(
      `outage: /ready 503 after ${detectMs.toFixed(0)} ms; SERVICE_UNAVAILABLE in ${failMs[0]?.toFixed(0)}-${failMs.at(-1)?.toFixed(0)} ms ` +
        `(20 at once); JVM restart ${jvmStartMs.toFixed(0)} ms; then /ready 200 after ${readyAgainMs.toFixed(0)} ms, ` +
        `first query ok in ${first.ms.toFixed(0)} ms (cold Neo4j)`,
    );
  });

});
