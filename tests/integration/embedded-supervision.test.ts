// `npm start` when its embedded Neo4j's JVM dies under it (kill -9, as the kernel's OOM killer does it):
// the crash is logged with its signal and both log tails, the JVM is started again on the same data and
// Bolt port, /ready turns 200 again by itself, and every write that was acknowledged is still there.
// And when restarts keep failing, the server exits 1 so that an outer supervisor takes over.
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import * as fs from 'node:fs';
import { createServer, type Server } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import neo4j from 'neo4j-driver';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { readMarker, type RunningMarker } from '../../server/neo4j/embedded/marker.ts';
import { freeLoopbackPort } from '../../server/neo4j/embedded/port.ts';
import { alive, gone, startServer, type LogLine } from '../support/server-process.ts';

const EDITOR = randomBytes(32).toString('hex');
const CREATE_ENTITY = 'mutation ($input: CreateEntityInput!) { createEntity(input: $input) { entity { id } } }';
const WRITERS = 3;

let server: ReturnType<typeof startServer> | undefined;
const dirs: string[] = [];
afterEach(() => {
  // A failed test must not leave a server (and its JVM) behind; SIGKILL takes the JVM down too.
  if (server && server.child.exitCode === null) server.child.kill('SIGKILL');
});
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

function dataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tianshan-supervision-'));
  dirs.push(dir);
  return dir;
}

/** `npm start` with an embedded Neo4j of its own in `dir`, on free ports; resolves once it listens. */
async function startWithEmbeddedNeo4j(dir: string, env: Record<string, string>) {
  const started = startServer({
    PORT: String(await freeLoopbackPort()),
    NEO4J_EMBEDDED_PORT: '0',
    NEO4J_EMBEDDED_DATA: dir,
    NEO4J_EMBEDDED_HEAP: '512m',
    NEO4J_EMBEDDED_PAGECACHE: '64m',
    ...env,
  });
  server = started;
  return { ...started, url: await started.listening(300_000) };
}

/** The marker of a running embedded Neo4j, which a test that asks expects to exist. */
function runningMarker(dir: string): RunningMarker & { jvm: number } {
  const marker = readMarker(dir);
  if (marker?.jvm == null) throw new Error(`no running embedded Neo4j in ${dir}: ${JSON.stringify(marker)}`);
  return { ...marker, jvm: marker.jvm };
}

async function status(url: URL, pathname: string): Promise<number> {
  const response = await fetch(new URL(pathname, url));
  await response.arrayBuffer();
  return response.status;
}

/** Calls `check` every 100 ms until it holds; resolves with how long that took. */
async function timeUntil(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<number> {
  const started = performance.now();
  while (!(await check())) {
    if (performance.now() - started > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(100);
  }
  return performance.now() - started;
}

/** A new Region with id `id`, its source a sentence of the seed's article; resolves with the error code if refused. */
async function createEntity(url: URL, id: string): Promise<{ ok: boolean; code?: unknown }> {
  const response = await fetch(new URL('/graphql', url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${EDITOR}` },
    body: JSON.stringify({
      query: CREATE_ENTITY,
      variables: {
        input: {
          id,
          kind: 'Region',
          name: `Written around a crash ${id}`,
          description: 'A write made while the database process was killed and restarted.',
          sources: [{ quote: 'across various mountain ridges and peaks of the Tian Shan range', sourceId: 'wikipedia-china-kyrgyzstan-border' }],
        },
      },
    }),
  });
  const body = (await response.json()) as { data?: { createEntity?: { entity?: { id?: string } } }; errors?: { extensions?: { code?: unknown } }[] };
  return body.data?.createEntity?.entity?.id === id ? { ok: true } : { ok: false, code: body.errors?.[0]?.extensions?.code };
}

/** The ids of the entities stored under `prefix`, read over Bolt with the data folder's password. */
async function storedIds(dir: string, uri: string, prefix: string): Promise<string[]> {
  const password = fs.readFileSync(path.join(dir, 'neo4j-password'), 'utf8').trim();
  const driver = neo4j.driver(uri, neo4j.auth.basic('neo4j', password));
  try {
    const { records } = await driver.executeQuery('MATCH (e:Entity) WHERE e.id STARTS WITH $prefix RETURN e.id AS id', { prefix });
    return records.map((record) => record.get('id') as string);
  } finally {
    await driver.close();
  }
}

const errorsIn = (logs: LogLine[]) => logs.filter((line) => line.level === 'error');

describe('the embedded Neo4j under npm start', () => {
  it('is restarted after kill -9 on the same port, /ready turns 200 again by itself, and no acknowledged write is lost', { timeout: 600_000 }, async () => {
    const dir = dataDir();
    const run = await startWithEmbeddedNeo4j(dir, { CURATION_TOKENS: `editor:${EDITOR}`, NEO4J_EMBEDDED_RESTART_DELAY_MS: '500' });
    const { url } = run;
    const before = runningMarker(dir);
    expect(before).toMatchObject({ state: 'running', owner: run.child.pid });
    expect(await status(url, '/ready')).toBe(200);

    // A stream of writes from a few clients; a write counts as acknowledged once its answer has the entity.
    const attempted: string[] = [];
    const acknowledged: string[] = [];
    const refusals: unknown[] = [];
    let writing = true;
    const writer = async (client: number) => {
      for (let n = 0; writing; n++) {
        const id = `crash-${client}-${n}`;
        attempted.push(id);
        const outcome = await createEntity(url, id);
        if (outcome.ok) acknowledged.push(id);
        else refusals.push(outcome.code);
      }
    };
    const writers = Array.from({ length: WRITERS }, (_, client) => writer(client));
    await timeUntil(() => acknowledged.length >= 20, 60_000, 'twenty acknowledged writes');

    const killed = performance.now();
    process.kill(before.jvm, 'SIGKILL');
    const unreadyMs = await timeUntil(async () => (await status(url, '/ready')) === 503, 10_000, '/ready 503');
    expect(await status(url, '/health')).toBe(200);
    await timeUntil(async () => (await status(url, '/ready')) === 200, 180_000, '/ready 200 again');
    const readyAgainMs = performance.now() - killed;
    const acknowledgedAtRecovery = acknowledged.length;
    await timeUntil(() => acknowledged.length >= acknowledgedAtRecovery + 20, 60_000, 'writes acknowledged again');
    writing = false;
    await Promise.all(writers);

    // Everything acknowledged is there after Neo4j's recovery; nothing is there that was not attempted.
    const stored = await storedIds(dir, before.uri, 'crash-');
    expect(stored).toEqual(expect.arrayContaining(acknowledged));
    expect(attempted).toEqual(expect.arrayContaining(stored));
    // A write refused while Neo4j was away said why, in a code clients act on: SERVICE_UNAVAILABLE, or
    // QUERY_TIMEOUT (rolled back whole) for the first ones on the freshly started, still cold JVM.
    expect(refusals).toContain('SERVICE_UNAVAILABLE');
    for (const code of refusals) expect(['SERVICE_UNAVAILABLE', 'QUERY_TIMEOUT']).toContain(code);

    // The crash is one error line with the signal and the last lines of both logs; then the JVM is back.
    const crash = errorsIn(run.logs());
    expect(crash).toHaveLength(1);
    expect(crash[0]).toMatchObject({
      msg: `embedded Neo4j: JVM ${before.jvm} exited unexpectedly (signal SIGKILL); restarting it in 0.5 s (restart 1 of at most 5 within 10 min)`,
      pid: before.jvm,
      exitCode: null,
      signal: 'SIGKILL',
      launcherStderr: expect.any(Array),
      debugLog: path.join(dir, 'logs', 'debug.log'),
    });
    expect(crash[0]?.['debugLogTail']).toEqual(expect.arrayContaining([expect.stringContaining('INFO')]));
    const back = run.logs().find((line) => line.msg.startsWith('embedded Neo4j: ready again after restart 1'));
    expect(back?.msg).toMatch(new RegExp(`^embedded Neo4j: ready again after restart 1 at ${before.uri} \\(JVM pid \\d+\\) in [\\d.]+ s$`));

    // The marker (how `npm run load` finds this Neo4j) names the new JVM, at the same address.
    const after = runningMarker(dir);
    expect(after).toMatchObject({ state: 'running', uri: before.uri, owner: run.child.pid });
    expect(after.jvm).not.toBe(before.jvm);
    expect(alive(after.jvm)).toBe(true);

    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(await gone(after.jvm, 5_000)).toBe(true);
    expect(readMarker(dir)).toBeUndefined();
    console.info(
      `supervision: /ready 503 ${unreadyMs.toFixed(0)} ms after kill -9, 200 again ${readyAgainMs.toFixed(0)} ms after it ` +
        `(restart delay 500 ms; ${back?.msg.replace(/^.* in /, 'JVM start ')}); ${acknowledged.length} writes acknowledged, ` +
        `all ${stored.length >= acknowledged.length ? 'kept' : 'NOT kept'} (${stored.length} stored of ${attempted.length} attempted, ${refusals.length} refused)`,
    );
  });

  it('makes the server exit 1 when restarts keep failing, so that an outer supervisor takes over', { timeout: 600_000 }, async () => {
    const dir = dataDir();
    const run = await startWithEmbeddedNeo4j(dir, { LOAD_SEED: 'false', NEO4J_EMBEDDED_RESTARTS: '2', NEO4J_EMBEDDED_RESTART_DELAY_MS: '200' });
    const { jvm, uri } = runningMarker(dir);

    // The JVM dies, and another process takes its Bolt port before the restart can: every restart fails.
    let squatter: Server | undefined;
    try {
      process.kill(jvm, 'SIGKILL');
      expect(await gone(jvm, 10_000)).toBe(true);
      squatter = createServer().listen(Number(new URL(uri.replace(/^bolt:/, 'http:')).port), '127.0.0.1');
      await once(squatter, 'listening');
      const killed = performance.now();
      expect(await run.exited).toBe(1);
      const exitMs = performance.now() - killed;

      const errors = errorsIn(run.logs());
      expect(errors.map((line) => line.msg)).toEqual([
        `embedded Neo4j: JVM ${jvm} exited unexpectedly (signal SIGKILL); restarting it in 0.2 s (restart 1 of at most 2 within 10 min)`,
        expect.stringMatching(/^embedded Neo4j: restart 1 failed \(exit code 3: .*Address already in use\); restarting it in 0\.4 s \(restart 2 of at most 2 within 10 min\)$/),
        expect.stringMatching(/^embedded Neo4j: restart 2 failed \(exit code 3: .*\); giving up: 3 unexpected exits within 10 min, after 2 restarts$/),
        expect.stringMatching(/^tianshan: embedded Neo4j: restart 2 failed .*; giving up: .*; exiting so that the service can be restarted whole$/),
      ]);
      // No JVM is left behind, and no marker claims one runs.
      for (const line of errors) if (typeof line['pid'] === 'number') expect(alive(line['pid'])).toBe(false);
      expect(readMarker(dir)).toBeUndefined();
      const at = errors.slice(0, 3).map((line) => Date.parse(String(line['time'])));
      console.info(
        `supervision: gave up and exited 1 ${exitMs.toFixed(0)} ms after kill -9; the crash and the two failed restarts ` +
          `were reported at +${at.map((time) => time - (at[0] ?? time)).join(' ms, +')} ms (delays 200 and 400 ms, each restart's JVM until its bind failed in between)`,
      );
    } finally {
      await new Promise<void>((resolve) => (squatter ? squatter.close(() => resolve()) : resolve()));
    }
  });
});
