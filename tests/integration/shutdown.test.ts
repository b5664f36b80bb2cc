// SIGTERM as an orchestrator sends it: `npm start` in a child process stops taking connections,
// finishes the request in flight, closes the driver, stops the embedded Neo4j it started and
// exits 0. And what a write in flight can and cannot end up as when the grace period runs out.
import * as fs from 'node:fs';
import { request as httpRequest, type ClientRequest } from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { CypherExecutor } from '../../cypher/executor.ts';
import { SessionTracker } from '../../cypher/sessions.ts';
import { cypher } from '../../cypher/query.ts';
import { freeLoopbackPort } from '../../server/neo4j/embedded/port.ts';
import { TX_TIMEOUT_MARGIN_MS } from '../../server/shutdown.ts';
import { clientCodeOf } from '../support/client-code.ts';
import { testDriver } from '../support/database.ts';
import { alive, gone, startServer } from '../support/server-process.ts';

const SEARCH = JSON.stringify({ query: 'query Search { search(query: "pass") { totalCount } }' });

/**
 * A GraphQL POST whose body arrives in two halves, `gapMs` apart: the server has the request (and
 * counts it in flight) from its headers on, but can only answer once the second half is there.
 */
function slowPost(url: URL, body: string) {
  const half = Math.floor(body.length / 2);
  let sent: ClientRequest | undefined;
  const response = new Promise<{ status: number; body: string; connection: string | undefined }>((resolve, reject) => {
    sent = httpRequest(new URL('/graphql', url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    });
    sent.on('error', reject);
    sent.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, connection: res.headers.connection }));
    });
    sent.write(body.slice(0, half));
    sent.flushHeaders();
  });
  return { response, finish: () => sent?.end(body.slice(half)) };
}

async function refused(url: URL): Promise<boolean> {
  try {
    await fetch(new URL('/health', url));
    return false;
  } catch (error) {
    return error instanceof TypeError && (error.cause as { code?: string } | undefined)?.code === 'ECONNREFUSED';
  }
}

describe('SIGTERM', () => {
  let server: ReturnType<typeof startServer> | undefined;
  let dataDir: string;
  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tianshan-shutdown-'));
  });
  afterEach(() => {
    // A failed test must not leave a server (and its JVM) behind; SIGKILL takes the JVM down too.
    if (server && server.child.exitCode === null) server.child.kill('SIGKILL');
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('finishes the request in flight, stops the embedded Neo4j it started, and exits 0', { timeout: 300_000 }, async () => {
    const port = await freeLoopbackPort();
    server = startServer({
      PORT: String(port),
      NEO4J_EMBEDDED_PORT: '0',
      NEO4J_EMBEDDED_DATA: dataDir,
      NEO4J_EMBEDDED_HEAP: '512m',
      NEO4J_EMBEDDED_PAGECACHE: '64m',
      SHUTDOWN_GRACE_MS: '10000',
    });
    const url = await server.listening(240_000);
    const jvmLine = server.logs().find((line) => /JVM pid \d+/.test(line.msg));
    const jvmPid = Number(/JVM pid (\d+)/.exec(jvmLine?.msg ?? '')?.[1]);
    expect(alive(jvmPid)).toBe(true);

    const inFlight = slowPost(url, SEARCH);
    // The server has the request's headers (it is in flight) once the log says so at shutdown.
    await sleep(300);
    const signalled = performance.now();
    server.child.kill('SIGTERM');
    await sleep(500);
    expect(await refused(url)).toBe(true);
    inFlight.finish();

    const answer = await inFlight.response;
    expect(answer.status).toBe(200);
    // Answered from Neo4j after the signal: the driver stayed open for it.
    expect(JSON.parse(answer.body)).toMatchObject({ data: { search: { totalCount: expect.any(Number) } } });
    expect(answer.connection).toBe('close');

    expect(await server.exited).toBe(0);
    const exitMs = performance.now() - signalled;
    expect(await gone(jvmPid, 5_000)).toBe(true);
    const logs = server.logs();
    expect(logs.find((line) => line.msg === 'shutting down')).toMatchObject({ signal: 'SIGTERM', inFlight: 1 });
    const stopped = logs.find((line) => line.msg === 'stopped');
    expect(stopped).toMatchObject({ signal: 'SIGTERM', ms: expect.any(Number) });
    expect(logs.some((line) => line.msg.startsWith('grace period over'))).toBe(false);
    console.info(`shutdown: exit 0 ${exitMs.toFixed(0)} ms after SIGTERM (request held open 500 ms by its client; server's own count ${String(stopped?.['ms'])} ms), JVM ${jvmPid} gone`);
  });

  it('cuts off what is still in flight when the grace period is over, and still exits 0', { timeout: 60_000 }, async () => {
    const target = inject('neo4j');
    const port = await freeLoopbackPort();
    server = startServer({
      PORT: String(port),
      NEO4J_URI: target.uri,
      ...(target.user ? { NEO4J_USER: target.user } : {}),
      ...(target.password ? { NEO4J_PASSWORD: target.password } : {}),
      SHUTDOWN_GRACE_MS: '500',
    });
    const url = await server.listening(60_000);
    // A client that sends half a request and then nothing: it cannot be answered within any grace period.
    const stuck = slowPost(url, SEARCH);
    stuck.response.catch(() => {}); // its connection is cut; that rejection is the expected outcome
    await sleep(300);
    const signalled = performance.now();
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    const exitMs = performance.now() - signalled;
    await expect(stuck.response).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect(exitMs).toBeLessThan(500 + 1_000 + 2_000);
    expect(server.logs().find((line) => line.msg.startsWith('grace period over'))).toMatchObject({ inFlight: 1, openSessions: 0 });
  });
});

describe('a write in flight when the grace period is over', () => {
  const driver = testDriver();
  afterAll(() => driver.close());
  const database = inject('neo4j').database;
  const create = cypher<{ marker: string; step: number }, never>('test.createMarker', 'CREATE (:ShutdownProbe {marker: $marker, step: $step})');
  // Several seconds of work in one query, checked against the transaction timeout as it runs.
  const slow = cypher<Record<string, never>, never>('test.slow', 'UNWIND range(1, 1000000000) AS i WITH i WHERE i < 0 RETURN i');
  const stepsOf = async (marker: string) => {
    const { records } = await driver.executeQuery('MATCH (p:ShutdownProbe {marker: $marker}) RETURN p.step AS step ORDER BY step', { marker }, { database });
    return records.map((record) => record.get('step') as number);
  };

  it('is let finish and commits whole, while a write that would start now is refused and writes nothing', async () => {
    const sessions = new SessionTracker();
    const executor = new CypherExecutor(driver, { database, timeoutMs: 10_000, sessions });
    const running = `running-${Date.now()}`;
    const late = `late-${Date.now()}`;
    let lateOutcome: unknown;
    await executor.write(async (tx) => {
      await tx.run(create, { marker: running, step: 1 });
      // What shutDown does when SHUTDOWN_GRACE_MS is over, while this transaction is open.
      sessions.refuseNew();
      lateOutcome = await executor.write((lateTx) => lateTx.run(create, { marker: late, step: 1 })).catch(clientCodeOf);
      await tx.run(create, { marker: running, step: 2 });
    });
    expect(lateOutcome).toBe('SERVICE_UNAVAILABLE');
    expect(await sessions.idle(1_000)).toBe(true);
    expect(await stepsOf(running)).toEqual([1, 2]);
    expect(await stepsOf(late)).toEqual([]);
  });

  it('is stopped by Neo4j at the transaction timeout, rolled back whole and answered QUERY_TIMEOUT', async () => {
    const sessions = new SessionTracker();
    const executor = new CypherExecutor(driver, { database, timeoutMs: 1_000, sessions });
    const marker = `timed-out-${Date.now()}`;
    const write = executor.write(async (tx) => {
      await tx.run(create, { marker, step: 1 });
      await tx.run(slow, {});
    });
    sessions.refuseNew();
    // shutDown waits this long (NEO4J_TX_TIMEOUT_MS and a margin) for running transactions.
    const started = performance.now();
    expect(await sessions.idle(1_000 + TX_TIMEOUT_MARGIN_MS)).toBe(true);
    console.info(`shutdown: a write past its 1000 ms transaction timeout ended ${(performance.now() - started).toFixed(0)} ms after new ones were refused`);
    await expect(write.catch(clientCodeOf)).resolves.toBe('QUERY_TIMEOUT');
    expect(await stepsOf(marker)).toEqual([]);
  });
});
