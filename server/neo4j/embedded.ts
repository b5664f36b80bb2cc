// Neo4j Community 5.26 embedded in a JVM child process, for machines without Docker.
//
// The Java side lives in neo4j-embedded/ (see EmbeddedNeo4j.java for the stdin/stdout protocol). This
// module builds it with Maven on first use, starts it, waits for its READY line and makes sure the JVM
// never outlives this Node process: the JVM stops on EOF of its stdin, which the kernel delivers when
// this process dies for any reason, and a process 'exit' handler signals it on a normal exit as well.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface EmbeddedNeo4j {
  /** `bolt://127.0.0.1:<port>`; no authentication (the listener is loopback-only). */
  readonly uri: string;
  readonly dataDir: string;
  /** Pid of the JVM. */
  readonly pid: number;
  /** Stops the DBMS cleanly and resolves once the JVM has exited. Safe to call more than once. */
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Neo4j home: the store goes to `<dataDir>/data`, Neo4j's logs to `<dataDir>/logs`. */
  dataDir: string;
  /** 0 or undefined: pick a free loopback port. */
  boltPort?: number;
  /** JVM -Xmx; default '2g'. */
  heap?: string;
  /** Neo4j page cache size; default '1g'. */
  pageCache?: string;
  /** Progress lines; default console.error. */
  log?: (line: string) => void;
}

const LAUNCHER_DIR = fileURLToPath(new URL('../../neo4j-embedded/', import.meta.url));
const POM = path.join(LAUNCHER_DIR, 'pom.xml');
const JAVA_SOURCE = path.join(LAUNCHER_DIR, 'src/main/java/tianshan/neo4j/EmbeddedNeo4j.java');
const TARGET_DIR = path.join(LAUNCHER_DIR, 'target');
const CLASSES_DIR = path.join(TARGET_DIR, 'classes');
const CLASS_FILE = path.join(CLASSES_DIR, 'tianshan/neo4j/EmbeddedNeo4j.class');
const LIB_DIR = path.join(TARGET_DIR, 'lib');
/** Written after a successful build; a build that was interrupted half-way leaves none, so it is redone. */
const BUILD_STAMP = path.join(TARGET_DIR, '.tianshan-build-stamp');
const BUILD_LOCK = path.join(TARGET_DIR, '.tianshan-build.lock');

const MAIN_CLASS = 'tianshan.neo4j.EmbeddedNeo4j';
const READY_TIMEOUT_MS = 120_000;
const BUILD_TIMEOUT_MS = 20 * 60_000;
/** A lock older than this is from a build that cannot still be running. */
const STALE_LOCK_MS = BUILD_TIMEOUT_MS + 60_000;
const PROGRESS_INTERVAL_MS = 5_000;
const STOP_SIGTERM_AFTER_MS = 10_000;
const STOP_SIGKILL_AFTER_MS = 20_000;
const TAIL_LINES = 20;
const SIZE_PATTERN = /^\d+[kmgKMG]?$/;

/** Whether `java` and `mvn` are on PATH (executable files); does not run them. */
export function embeddedToolsAvailable(): { java: boolean; mvn: boolean } {
  return { java: onPath('java'), mvn: onPath('mvn') };
}

export async function startEmbeddedNeo4j(options: EmbeddedOptions): Promise<EmbeddedNeo4j> {
  const log = options.log ?? ((line: string) => console.error(line));
  const heap = options.heap ?? '2g';
  const pageCache = options.pageCache ?? '1g';
  // -Xmx with a malformed size makes the JVM exit with a message that does not name the option's source.
  if (!SIZE_PATTERN.test(heap)) throw new Error(`embedded Neo4j: heap must look like '2g' or '512m', got '${heap}'`);
  if (!SIZE_PATTERN.test(pageCache)) {
    throw new Error(`embedded Neo4j: pageCache must look like '1g' or '512m', got '${pageCache}'`);
  }
  const dataDir = path.resolve(options.dataDir);
  fs.mkdirSync(dataDir, { recursive: true });

  await ensureLauncherBuilt(log);

  const port = options.boltPort ? options.boltPort : await freeLoopbackPort();
  const startedAt = Date.now();
  log(`embedded Neo4j: starting (data ${dataDir}, bolt 127.0.0.1:${port}, heap ${heap}, page cache ${pageCache})`);

  const child = spawn(
    'java',
    [
      `-Xmx${heap}`,
      '-XX:+UseG1GC',
      // An OutOfMemoryError leaves the DBMS in an undefined state; better to exit so the parent sees it.
      '-XX:+ExitOnOutOfMemoryError',
      // As in Neo4j's shipped neo4j.conf: without these the page cache falls back to a slower, more
      // memory-hungry mode ("Reflection access to java.nio.DirectByteBuffer is not available").
      '--add-opens=java.base/java.nio=ALL-UNNAMED',
      '--add-opens=java.base/java.io=ALL-UNNAMED',
      '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
      '-Dio.netty.tryReflectionSetAccessible=true',
      '-cp',
      // The JVM itself expands `lib/*` to the jars in it (no shell involved).
      [CLASSES_DIR, path.join(LIB_DIR, '*')].join(path.delimiter),
      MAIN_CLASS,
      '--data',
      dataDir,
      '--bolt-port',
      String(port),
      '--pagecache',
      pageCache,
    ],
    // stdin stays open for the JVM's whole life: its EOF is the JVM's signal to stop.
    { cwd: dataDir, stdio: ['pipe', 'pipe', 'pipe'] },
  );

  const stderrTail: string[] = [];
  // The launcher's own one-line reason ("EmbeddedNeo4j: failed to start: ...; caused by ..."), which
  // names the root cause (port in use, store locked) that the stack traces bury.
  let launcherReason: string | undefined;
  let ready = false;
  let exited = false;
  let stopping = false;
  let timedOut = false;
  const exitPromise = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  // Node exiting normally or through an uncaught error runs 'exit' handlers, which must be synchronous:
  // a signal is. SIGTERM (not SIGKILL) so that the JVM's shutdown hook still closes the store cleanly.
  const killOnExit = (): void => {
    if (!exited) child.kill('SIGTERM');
  };
  process.on('exit', killOnExit);

  child.once('exit', (code, signal) => {
    exited = true;
    process.off('exit', killOnExit);
    if (ready && !stopping) {
      log(
        `embedded Neo4j: JVM ${child.pid} exited unexpectedly (${describeExit(code, signal)})` +
          tails(stderrTail, dataDir),
      );
    }
  });
  child.stdin.on('error', (err: Error) => {
    // EPIPE when the JVM is already gone; its exit is reported through the 'exit' event.
    if (!exited) log(`embedded Neo4j: writing to the JVM's stdin failed: ${err.message}`);
  });
  onLines(child.stderr, (line) => {
    pushTail(stderrTail, line);
    if (line.startsWith('EmbeddedNeo4j: ')) {
      launcherReason = line.slice('EmbeddedNeo4j: '.length).replace(/^failed to start: /, '');
    }
    // Before READY these lines end up in the start error; afterwards nobody else would see them.
    if (ready) log(`embedded Neo4j [stderr]: ${line}`);
  });

  let stopPromise: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopPromise ??= stopChild(child, exitPromise, () => exited, log, () => {
      stopping = true;
    });
    return stopPromise;
  };

  const readyLine = `READY bolt://127.0.0.1:${port}`;
  try {
    await new Promise<void>((resolve, reject) => {
      const fail = (reason: string): void => {
        clearTimeout(timer);
        reject(new Error(`embedded Neo4j failed to start: ${reason}` + tails(stderrTail, dataDir)));
      };
      const timer = setTimeout(() => {
        // Kill it and report from the 'exit' handler below, once it is gone, so that a timed-out start
        // leaves no JVM behind.
        timedOut = true;
        child.kill('SIGKILL');
      }, READY_TIMEOUT_MS);
      child.once('error', (err: Error) => {
        // Spawning failed (e.g. ENOENT: java not on PATH); there will be no 'exit' event.
        exited = true;
        process.off('exit', killOnExit);
        fail(`could not run java: ${err.message}`);
      });
      // 'close', not 'exit': it comes after stderr has been read to its end, and the launcher's reason
      // is its last line.
      child.once('close', (code, signal) => {
        if (ready) return;
        fail(
          timedOut
            ? `no READY line within ${READY_TIMEOUT_MS / 1000} s (JVM killed)`
            : `the launcher exited before it was ready (${describeExit(code, signal)})` +
                (launcherReason === undefined ? '' : `: ${launcherReason}`),
        );
      });
      onLines(child.stdout, (line) => {
        if (line === readyLine) {
          ready = true;
          clearTimeout(timer);
          resolve();
        } else if (line.length > 0) {
          // The launcher prints nothing else on stdout; show it rather than drop it.
          log(`embedded Neo4j [stdout]: ${line}`);
        }
      });
    });
  } catch (err) {
    // Never leave a half-started JVM when the caller gets an error.
    if (!exited) {
      child.kill('SIGKILL');
      await exitPromise;
    }
    throw err;
  }

  const pid = child.pid;
  if (pid === undefined) throw new Error('embedded Neo4j: JVM reported READY but has no pid');
  // Once running, the JVM alone must not keep Node's event loop alive: a script that forgets stop()
  // should still end, and its 'exit' handler then stops the JVM. stop() keeps the loop alive with its
  // own timers while it waits.
  child.unref();
  for (const stream of [child.stdin, child.stdout, child.stderr]) {
    if (stream instanceof net.Socket) stream.unref();
  }
  log(`embedded Neo4j: ready at bolt://127.0.0.1:${port} (JVM pid ${pid}) in ${seconds(Date.now() - startedAt)} s`);
  return { uri: `bolt://127.0.0.1:${port}`, dataDir, pid, stop };
}

/** Asks a free port of the kernel by binding port 0 on loopback; there is a small race until the JVM binds it. */
export async function freeLoopbackPort(): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        server.close();
        reject(new Error(`unexpected address from a TCP listener: ${String(address)}`));
        return;
      }
      server.close((err) => (err ? reject(err) : resolve(address.port)));
    });
  });
}

async function stopChild(
  child: ChildProcessWithoutNullStreams,
  exitPromise: Promise<void>,
  hasExited: () => boolean,
  log: (line: string) => void,
  markStopping: () => void,
): Promise<void> {
  markStopping();
  if (hasExited()) return;
  // EOF on stdin: the launcher shuts the DBMS down and exits 0. SIGTERM (same shutdown hook) and then
  // SIGKILL only if that does not happen in time.
  child.stdin.end();
  const termTimer = setTimeout(() => {
    log(`embedded Neo4j: JVM ${child.pid} still running ${STOP_SIGTERM_AFTER_MS / 1000} s after stdin closed; sending SIGTERM`);
    child.kill('SIGTERM');
  }, STOP_SIGTERM_AFTER_MS);
  const killTimer = setTimeout(() => {
    log(`embedded Neo4j: JVM ${child.pid} did not stop within ${STOP_SIGKILL_AFTER_MS / 1000} s; sending SIGKILL`);
    child.kill('SIGKILL');
  }, STOP_SIGKILL_AFTER_MS);
  try {
    await exitPromise;
  } finally {
    clearTimeout(termTimer);
    clearTimeout(killTimer);
  }
}

// ---------------------------------------------------------------------------------------------------
// Building the launcher

async function ensureLauncherBuilt(log: (line: string) => void): Promise<void> {
  if (!launcherNeedsBuild()) return;
  fs.mkdirSync(TARGET_DIR, { recursive: true });
  await withBuildLock(log, async () => {
    // Another process may have built it while we waited for the lock.
    if (!launcherNeedsBuild()) return;
    // A changed pom may drop or change dependencies; copy-dependencies only adds files, and two Neo4j
    // versions on one classpath fail in confusing ways.
    if (fs.existsSync(LIB_DIR) && (!fs.existsSync(BUILD_STAMP) || mtime(POM) > mtime(BUILD_STAMP))) {
      fs.rmSync(LIB_DIR, { recursive: true, force: true });
    }
    fs.rmSync(BUILD_STAMP, { force: true });
    await runMaven(log);
    if (!fs.existsSync(CLASS_FILE) || !fs.existsSync(LIB_DIR)) {
      throw new Error(`embedded Neo4j: Maven succeeded but ${CLASS_FILE} or ${LIB_DIR} is missing`);
    }
    fs.writeFileSync(BUILD_STAMP, `${new Date().toISOString()}\n`);
  });
}

function launcherNeedsBuild(): boolean {
  if (!fs.existsSync(CLASS_FILE) || !fs.existsSync(LIB_DIR) || !fs.existsSync(BUILD_STAMP)) return true;
  if (fs.readdirSync(LIB_DIR).length === 0) return true;
  // The stamp, not the class file: Maven's incremental compile leaves the class file untouched when only
  // the pom changed, which would otherwise look out of date forever.
  const built = mtime(BUILD_STAMP);
  return built < mtime(POM) || built < mtime(JAVA_SOURCE);
}

/** Runs `fn` holding an O_EXCL lock file, so two processes never run Maven into the same target/ at once. */
async function withBuildLock(log: (line: string) => void, fn: () => Promise<void>): Promise<void> {
  const deadline = Date.now() + STALE_LOCK_MS;
  let lastNotice = 0;
  for (;;) {
    let fd: number;
    try {
      fd = fs.openSync(BUILD_LOCK, 'wx');
    } catch (err) {
      if (!isErrno(err, 'EEXIST')) throw err;
      const holder = lockHolder();
      if (holder === undefined) {
        // The holder is gone (died mid-build) or the lock is ancient: take it over.
        fs.rmSync(BUILD_LOCK, { force: true });
        continue;
      }
      if (Date.now() > deadline) {
        throw new Error(`embedded Neo4j: gave up waiting for the launcher build lock ${BUILD_LOCK} (pid ${holder})`);
      }
      if (Date.now() - lastNotice >= PROGRESS_INTERVAL_MS) {
        log(`embedded Neo4j: waiting for another process (pid ${holder}) to finish building the launcher`);
        lastNotice = Date.now();
      }
      await sleep(500);
      continue;
    }
    try {
      fs.writeSync(fd, `${process.pid}\n`);
    } finally {
      fs.closeSync(fd);
    }
    // If Node dies while Maven runs, a lock naming a dead pid is taken over by the next process anyway;
    // removing it on exit just saves that process the check.
    const release = (): void => fs.rmSync(BUILD_LOCK, { force: true });
    process.on('exit', release);
    try {
      await fn();
      return;
    } finally {
      process.off('exit', release);
      release();
    }
  }
}

/** Pid of a live lock holder (0: not yet written), or undefined if the lock is stale (holder dead, unreadable or too old). */
function lockHolder(): number | undefined {
  let text: string;
  let age: number;
  try {
    text = fs.readFileSync(BUILD_LOCK, 'utf8');
    age = Date.now() - mtime(BUILD_LOCK);
  } catch (err) {
    // Released between our open and this read: treat as free; the next open decides.
    if (isErrno(err, 'ENOENT')) return undefined;
    throw err;
  }
  const pid = Number.parseInt(text.trim(), 10);
  // An empty file is a lock being written right now (open and write are two steps): give it time.
  // 0 stands for "a live holder whose pid is not known yet".
  if (text.trim() === '' && age < 10_000) return 0;
  if (!Number.isInteger(pid) || pid <= 0 || age > STALE_LOCK_MS) return undefined;
  return processAlive(pid) ? pid : undefined;
}

async function runMaven(log: (line: string) => void): Promise<void> {
  const startedAt = Date.now();
  const intro = 'embedded Neo4j: building launcher with Maven (first run downloads ~100 MB)';
  log(`${intro}...`);
  // -B and no -q: batch mode prints one "Downloaded from" line per artifact, which is the progress shown.
  const mvn = spawn('mvn', ['-B', '-Dstyle.color=never', '-f', POM, 'package'], {
    cwd: LAUNCHER_DIR,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Maven orphaned by a dying Node would keep writing into target/; stop it with us.
  const killOnExit = (): void => {
    mvn.kill('SIGTERM');
  };
  process.on('exit', killOnExit);

  let fetched = 0;
  const outputTail: string[] = [];
  const errorLines: string[] = [];
  const onLine = (line: string): void => {
    if (line.includes('Downloaded from ')) fetched++;
    if (line.includes('[ERROR]')) errorLines.push(line);
    pushTail(outputTail, line, 40);
  };
  onLines(mvn.stdout, onLine);
  onLines(mvn.stderr, onLine);

  const progress = setInterval(() => log(`${intro}: ${fetched} artifacts fetched`), PROGRESS_INTERVAL_MS);
  const timeout = setTimeout(() => mvn.kill('SIGKILL'), BUILD_TIMEOUT_MS);
  try {
    const { code, signal } = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>(
      (resolve, reject) => {
        mvn.once('error', (err: Error) =>
          reject(new Error(`embedded Neo4j: could not run mvn (Maven is needed once, to build the launcher): ${err.message}`)),
        );
        mvn.once('close', (exitCode, exitSignal) => resolve({ code: exitCode, signal: exitSignal }));
      },
    );
    if (code !== 0) {
      const shown = errorLines.length > 0 ? errorLines.slice(-TAIL_LINES) : outputTail;
      throw new Error(
        `embedded Neo4j: Maven build of ${POM} failed (${describeExit(code, signal)})\n` +
          `--- Maven output ---\n${shown.join('\n')}`,
      );
    }
  } finally {
    clearInterval(progress);
    clearTimeout(timeout);
    process.off('exit', killOnExit);
  }
  log(`embedded Neo4j: launcher built in ${seconds(Date.now() - startedAt)} s (${fetched} artifacts fetched)`);
}

// ---------------------------------------------------------------------------------------------------
// Small helpers

/** Calls `onLine` for each complete line of a text stream (and for a last unterminated one at its end). */
function onLines(stream: NodeJS.ReadableStream, onLine: (line: string) => void): void {
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) onLine(line.replace(/\r$/, ''));
  });
  stream.on('end', () => {
    if (pending.length > 0) onLine(pending.replace(/\r$/, ''));
    pending = '';
  });
}

function pushTail(tail: string[], line: string, max = TAIL_LINES): void {
  tail.push(line);
  if (tail.length > max) tail.shift();
}

/** The launcher's stderr tail and Neo4j's own debug.log tail, formatted for an error message. */
function tails(stderrTail: readonly string[], dataDir: string): string {
  const debugLog = path.join(dataDir, 'logs', 'debug.log');
  let text = `\n--- launcher stderr (last ${TAIL_LINES} lines) ---\n`;
  text += stderrTail.length > 0 ? stderrTail.join('\n') : '(empty)';
  const logTail = lastLines(debugLog, TAIL_LINES);
  text += `\n--- ${debugLog} (last ${TAIL_LINES} lines) ---\n`;
  text += logTail ?? '(not present)';
  return text;
}

/** Last `count` lines of a file, reading at most its last 64 KiB; undefined if it does not exist. */
function lastLines(file: string, count: number): string | undefined {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (err) {
    if (isErrno(err, 'ENOENT')) return undefined;
    throw err;
  }
  try {
    const size = fs.fstatSync(fd).size;
    const length = Math.min(size, 64 * 1024);
    const buffer = Buffer.alloc(length);
    fs.readSync(fd, buffer, 0, length, size - length);
    const lines = buffer.toString('utf8').split('\n');
    if (lines.at(-1) === '') lines.pop();
    return lines.slice(-count).join('\n');
  } finally {
    fs.closeSync(fd);
  }
}

function onPath(command: string): boolean {
  // PATH is how the system finds programs, not our configuration: read here, not in server/config.ts.
  // eslint-disable-next-line no-restricted-properties
  for (const dir of (process.env['PATH'] ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    try {
      const file = path.join(dir, command);
      if (fs.statSync(file).isFile()) {
        fs.accessSync(file, fs.constants.X_OK);
        return true;
      }
    } catch (err) {
      // Not in this directory (or not executable): keep looking.
      if (!isErrno(err, 'ENOENT') && !isErrno(err, 'EACCES') && !isErrno(err, 'ENOTDIR')) throw err;
    }
  }
  return false;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return !isErrno(err, 'ESRCH');
  }
}

function isErrno(err: unknown, code: string): boolean {
  return err instanceof Error && 'code' in err && err.code === code;
}

function mtime(file: string): number {
  return fs.statSync(file).mtimeMs;
}

function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  return signal !== null ? `signal ${signal}` : `exit code ${String(code)}`;
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(1);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
