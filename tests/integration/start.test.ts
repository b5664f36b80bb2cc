import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { freeLoopbackPort } from '../../server/neo4j/embedded/port.ts';

/**
 * `npm start` as a person runs it, in a child process. It is pointed at the run's Neo4j through
 * NEO4J_URI so these tests do not start a second JVM.
 */
interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function start(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<Run>((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));

  /** Resolves once stdout shows `line`; rejects if the process exits or takes too long first. */
  const printed = (line: RegExp, timeoutMs = 60_000) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${line} within ${timeoutMs} ms:\n${stdout}\n${stderr}`)), timeoutMs);
      const check = () => {
        if (!line.test(stdout)) return;
        clearTimeout(timer);
        resolve();
      };
      child.stdout.on('data', check);
      void exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`exited before printing ${line}:\n${stdout}\n${stderr}`));
      });
    });
  return { child, exited, printed };
}

const neo4jEnv = (): Record<string, string> => {
  const target = inject('neo4j');
  return {
    NEO4J_URI: target.uri,
    ...(target.user ? { NEO4J_USER: target.user } : {}),
    ...(target.password ? { NEO4J_PASSWORD: target.password } : {}),
  };
};

describe('npm start', () => {
  it('serves GraphQL, /health and /ready, and exits 0 on SIGTERM', async () => {
    const port = await freeLoopbackPort();
    const run = start({ ...neo4jEnv(), PORT: String(port) });
    await run.printed(/GraphiQL\) at http:\/\/localhost:\d+\/graphql/);
    const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
    expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${port}/ready`)).status).toBe(200);
    run.child.kill('SIGTERM');
    expect((await run.exited).code).toBe(0);
  });
});

describe('start-up problems are one clear line and a non-zero exit', () => {
  let blocker: Server;
  let takenPort: number;
  beforeAll(async () => {
    blocker = createServer().listen(0, '127.0.0.1');
    await once(blocker, 'listening');
    const address = blocker.address();
    takenPort = typeof address === 'object' && address ? address.port : 0;
  });
  afterAll(() => new Promise<void>((resolve) => blocker.close(() => resolve())));

  const expectOneLine = (run: Run, message: RegExp) => {
    expect(run.code).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines.at(-1)).toMatch(message);
    expect(run.stderr).not.toMatch(/^\s+at /m);
  };

  it('names a port that is taken and how to choose another', async () => {
    const run = await start({ ...neo4jEnv(), PORT: String(takenPort), HOST: '127.0.0.1' }).exited;
    expectOneLine(run, new RegExp(`port ${takenPort} on 127\\.0\\.0\\.1 is already in use.*PORT=${takenPort + 1} npm start`));
  });

  it("names NEO4J_EMBEDDED_PORT when the embedded Neo4j's port is taken, and starts no JVM", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'tianshan-start-'));
    try {
      // At info, so that a JVM's start would show in the log.
      const run = await start({ NEO4J_EMBEDDED_PORT: String(takenPort), NEO4J_EMBEDDED_DATA: dataDir, PORT: '0', LOG_LEVEL: 'info' }).exited;
      expectOneLine(run, new RegExp(`NEO4J_EMBEDDED_PORT=${takenPort}: port ${takenPort} on 127\\.0\\.0\\.1 is already in use .*leave it unset`));
      expect(run.stdout + run.stderr).not.toMatch(/embedded Neo4j: starting/);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('names an unreachable NEO4J_URI, the cause and what to do', async () => {
    const closed = await freeLoopbackPort();
    const run = await start({ NEO4J_URI: `bolt://127.0.0.1:${closed}`, PORT: '0' }).exited;
    expectOneLine(run, new RegExp(`cannot use Neo4j at bolt://127\\.0\\.0\\.1:${closed}: .+\\(check that Neo4j is running and that NEO4J_URI is right\\)`));
  });

  it('lists every configuration problem at once', async () => {
    const run = await start({ PORT: 'eighty', NEO4J_URI: 'http://nowhere' }).exited;
    expectOneLine(run, /invalid configuration: NEO4J_URI: .+; PORT: a port number/);
  });
});
