// The embedded Neo4j launcher (server/neo4j/embedded/ + neo4j-embedded/): it answers Cypher over
// Bolt to its password only, stops cleanly, can be restarted on the same data and port, and never
// outlives its parent.
// Needs `java` and `mvn` on PATH; the first run builds the launcher (downloads ~100 MB into ~/.m2).
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { once } from 'node:events';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { fileURLToPath } from 'node:url';
import neo4j, { type AuthToken } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { BoltPortInUseError, StartupError } from '../../server/errors.ts';
import { silentLogger } from '../../server/log.ts';
import { acquireNeo4j } from '../../server/neo4j/acquire.ts';
import { startEmbeddedNeo4j, type EmbeddedNeo4j } from '../../server/neo4j/embedded/index.ts';
import { readMarker, writeMarker } from '../../server/neo4j/embedded/marker.ts';
import { freeLoopbackPort } from '../../server/neo4j/embedded/port.ts';
import { alive, gone } from '../support/server-process.ts';

const CHILD_SCRIPT = fileURLToPath(new URL('./embedded-neo4j-child.ts', import.meta.url));

/** The pid of the JVM running now; a test that asks expects one. */
function pidOf(db: EmbeddedNeo4j): number {
  if (db.pid === undefined) throw new Error(`no JVM runs (state ${db.state})`);
  return db.pid;
}

/** Runs `cypher` as `auth` (none: no credentials at all) and returns its rows' `n`. */
async function query(db: EmbeddedNeo4j, cypher: string, auth?: AuthToken): Promise<unknown[]> {
  const driver = neo4j.driver(db.uri, auth);
  try {
    const { records } = await driver.executeQuery(cypher);
    return records.map((record) => {
      const n: unknown = record.get('n');
      return neo4j.isInt(n) ? n.toNumber() : n;
    });
  } finally {
    await driver.close();
  }
}

const as = (db: EmbeddedNeo4j): AuthToken => neo4j.auth.basic(db.user, db.password);
const UNAUTHORIZED = { code: 'Neo.ClientError.Security.Unauthorized' };

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'tianshan-embedded-'));
}

describe('embedded Neo4j', () => {
  it('answers Cypher over Bolt to its password only, stops without leaving the JVM, and restarts on the same data, port and password', { timeout: 600_000 }, async () => {
    const dataDir = tempDir();
    const passwordFile = path.join(dataDir, 'neo4j-password');
    let db: EmbeddedNeo4j | undefined;
    try {
      db = await startEmbeddedNeo4j({ dataDir, heap: '1g', pageCache: '128m', log: silentLogger });
      expect(db.uri).toMatch(/^bolt:\/\/127\.0\.0\.1:\d+$/);
      expect(alive(pidOf(db))).toBe(true);
      // A password of its own, in a file only its owner may read, is what the handle gives.
      expect(db.user).toBe('neo4j');
      expect(db.password).toMatch(/^[0-9a-f]{64}$/);
      expect(fs.statSync(passwordFile).mode & 0o777).toBe(0o600);
      expect(fs.readFileSync(passwordFile, 'utf8').trim()).toBe(db.password);
      // Any other process on the machine can reach the port: without the password it is refused.
      await expect(query(db, 'RETURN 1 AS n')).rejects.toMatchObject(UNAUTHORIZED);
      await expect(query(db, 'RETURN 1 AS n', neo4j.auth.basic('neo4j', 'neo4j'))).rejects.toMatchObject(UNAUTHORIZED);
      expect(await query(db, 'RETURN 1 AS n', as(db))).toEqual([1]);
      await query(db, "CREATE (:Probe {name: 'kept'}) RETURN 1 AS n", as(db));

      const firstPid = pidOf(db);
      const firstPassword = db.password;
      const port = Number(new URL(db.uri.replace(/^bolt:/, 'http:')).port);
      await db.stop();
      db = undefined;
      expect(alive(firstPid)).toBe(false);

      // Same directory and port again: the store lock and the port must both have been released.
      db = await startEmbeddedNeo4j({ dataDir, boltPort: port, heap: '1g', pageCache: '128m', log: silentLogger });
      expect(db.uri).toBe(`bolt://127.0.0.1:${port}`);
      expect(db.password).toBe(firstPassword);
      expect(await query(db, 'MATCH (p:Probe) RETURN p.name AS n', as(db))).toEqual(['kept']);
      const secondPid = pidOf(db);
      await db.stop();
      db = undefined;
      expect(alive(secondPid)).toBe(false);

      // A data folder from before authentication has no password file: it still starts, with its data,
      // under a new password, and the one it had before no longer opens it.
      fs.rmSync(passwordFile);
      const lines: string[] = [];
      db = await startEmbeddedNeo4j({ dataDir, boltPort: port, heap: '1g', pageCache: '128m', log: { ...silentLogger, info: (line) => lines.push(line) } });
      expect(db.password).toMatch(/^[0-9a-f]{64}$/);
      expect(db.password).not.toBe(firstPassword);
      expect(fs.statSync(passwordFile).mode & 0o777).toBe(0o600);
      expect(lines).toContain(`embedded Neo4j: set a new password for user neo4j in ${passwordFile} (the data folder had none on file)`);
      await expect(query(db, 'RETURN 1 AS n', neo4j.auth.basic('neo4j', firstPassword))).rejects.toMatchObject(UNAUTHORIZED);
      expect(await query(db, 'MATCH (p:Probe) RETURN p.name AS n', as(db))).toEqual(['kept']);
      await db.stop();
      db = undefined;
    } finally {
      await db?.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('is shared through the marker in its data folder, since a second JVM on it fails (and says why)', { timeout: 180_000 }, async () => {
    const dataDir = tempDir();
    const db = await startEmbeddedNeo4j({ dataDir, heap: '512m', pageCache: '64m', log: silentLogger });
    try {
      // What `npm run load` next to a running `npm start` does: finds this Neo4j and its password, starts nothing.
      const acquire = () => acquireNeo4j(loadConfig({}), { allowContainer: false, embeddedDataDir: dataDir, log: silentLogger });
      const shared = await acquire();
      expect(shared).toMatchObject({ way: 'embedded', uri: db.uri, user: 'neo4j', password: db.password });
      await shared.stop();
      expect(await query(db, 'RETURN 1 AS n', as(db))).toEqual([1]);

      // While it is being restarted there is nothing to share yet, and nothing to start either.
      const running = readMarker(dataDir);
      expect(running).toMatchObject({ uri: db.uri, owner: process.pid, jvm: db.pid, state: 'running' });
      if (running) writeMarker(dataDir, { ...running, jvm: null, state: 'restarting' });
      await expect(acquire()).rejects.toThrow(new StartupError(`the embedded Neo4j of ${dataDir} (run by process ${process.pid}) is being restarted after its JVM exited; try again in a moment`));
      if (running) writeMarker(dataDir, running);

      // Past the marker, a second JVM fails on the store lock, with the launcher's reason and both log tails,
      // and leaves the first one's marker alone.
      const attempt = startEmbeddedNeo4j({ dataDir, heap: '512m', pageCache: '64m', log: silentLogger });
      await expect(attempt).rejects.toThrow(/failed to start: .*exit code 1: .*FileLockException: .*store_lock[\s\S]*--- launcher stderr[\s\S]*debug\.log/);
      expect(readMarker(dataDir)).toEqual(running);
      await db.stop();
      expect(readMarker(dataDir)).toBeUndefined();
    } finally {
      await db.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('takes the JVM down when the Node process that started it is SIGKILLed', { timeout: 300_000 }, async () => {
    const dataDir = tempDir();
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD_SCRIPT, dataDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
    });
    let jvmPid: number | undefined;
    try {
      jvmPid = await new Promise<number>((resolve, reject) => {
        let stdout = '';
        child.stdout.setEncoding('utf8');
        child.stdout.on('data', (chunk: string) => {
          stdout += chunk;
          const match = /JVM_PID (\d+)\n/.exec(stdout);
          if (match?.[1] !== undefined) resolve(Number(match[1]));
        });
        child.once('exit', (code, signal) =>
          reject(new Error(`child exited before printing the JVM pid (${code ?? signal})\n${stderr}`)),
        );
      });
      expect(alive(jvmPid)).toBe(true);

      // SIGKILL: no 'exit' handler runs in the child; only the closing of the JVM's stdin pipe is left.
      const childGone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGKILL');
      await childGone;

      expect(await gone(jvmPid, 30_000)).toBe(true);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      // Should the assertion above fail, do not leave the JVM behind for the rest of the suite.
      if (jvmPid !== undefined && alive(jvmPid)) process.kill(jvmPid, 'SIGKILL');
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('a taken Bolt port', () => {
  let blocker: Server;
  let taken: number;
  const dirs: string[] = [];
  beforeAll(async () => {
    blocker = createServer().listen(0, '127.0.0.1');
    await once(blocker, 'listening');
    taken = (blocker.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => blocker.close(() => resolve()));
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });
  const dataDir = () => {
    dirs.push(tempDir());
    return dirs.at(-1) ?? '';
  };

  it('asked for exactly is one line naming the port, before any JVM starts', async () => {
    const lines: string[] = [];
    const attempt = startEmbeddedNeo4j({ dataDir: dataDir(), boltPort: taken, log: { ...silentLogger, info: (line) => lines.push(line) } });
    await expect(attempt).rejects.toBeInstanceOf(BoltPortInUseError);
    await expect(attempt).rejects.toThrow(`port ${taken} on 127.0.0.1 is already in use`);
    expect(lines.filter((line) => line.startsWith('embedded Neo4j: starting'))).toEqual([]);
  });

  it('taken only once the JVM binds it (a race) is the same one line, not the JVM\'s stack trace', { timeout: 180_000 }, async () => {
    const port = await freeLoopbackPort();
    let squatter: Server | undefined;
    const attempt = startEmbeddedNeo4j({
      dataDir: dataDir(),
      boltPort: port,
      heap: '512m',
      pageCache: '64m',
      log: {
        ...silentLogger,
        // Between the check and the JVM's bind: listen() binds before it returns.
        info: (line) => {
          if (line.startsWith('embedded Neo4j: starting')) squatter = createServer().listen(port, '127.0.0.1');
        },
      },
    });
    try {
      await expect(attempt).rejects.toBeInstanceOf(BoltPortInUseError);
      // The whole message: no stack trace and no log tails, unlike any other failure to start.
      await expect(attempt).rejects.toThrow(/^port \d+ on 127\.0\.0\.1 is already in use$/);
    } finally {
      await new Promise<void>((resolve) => (squatter ? squatter.close(() => resolve()) : resolve()));
    }
  });

  it('that was only preferred is traded for a free one, and the log says which', { timeout: 180_000 }, async () => {
    const lines: string[] = [];
    const db = await startEmbeddedNeo4j({
      dataDir: dataDir(),
      boltPort: taken,
      ifBoltPortTaken: 'use-a-free-port',
      heap: '512m',
      pageCache: '64m',
      log: { ...silentLogger, info: (line) => lines.push(line) },
    });
    try {
      const port = Number(db.uri.slice(db.uri.lastIndexOf(':') + 1));
      expect(port).not.toBe(taken);
      expect(lines).toContain(`embedded Neo4j: Bolt port ${taken} is in use (another Neo4j?); using free port ${port} instead`);
      expect(await query(db, 'RETURN 1 AS n', as(db))).toEqual([1]);
    } finally {
      await db.stop();
    }
  });
});
