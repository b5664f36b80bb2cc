// Building the Java launcher (neo4j-embedded/) with Maven on first use, and again whenever its pom or
// sources change. Several processes may start at once (a test run, `npm start`, a benchmark): a lock
// file makes one of them build while the others wait.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isErrno, processAlive } from './system.ts';
import { describeExit, seconds } from './format.ts';
import { LineTail, onLines } from './lines.ts';

const LAUNCHER_DIR = fileURLToPath(new URL('../../../neo4j-embedded/', import.meta.url));
const POM = path.join(LAUNCHER_DIR, 'pom.xml');
const JAVA_SOURCES = path.join(LAUNCHER_DIR, 'src/main/java/tianshan/neo4j');
const TARGET_DIR = path.join(LAUNCHER_DIR, 'target');
const CLASSES_DIR = path.join(TARGET_DIR, 'classes');
const CLASS_FILE = path.join(CLASSES_DIR, 'tianshan/neo4j/EmbeddedNeo4j.class');
const LIB_DIR = path.join(TARGET_DIR, 'lib');
/** Written after a successful build; a build that was interrupted half-way leaves none, so it is redone. */
const BUILD_STAMP = path.join(TARGET_DIR, '.tianshan-build-stamp');
const BUILD_LOCK = path.join(TARGET_DIR, '.tianshan-build.lock');

/** The launcher's main class and the classpath that runs it (the JVM itself expands `lib/*`; no shell involved). */
export const LAUNCHER_MAIN_CLASS = 'tianshan.neo4j.EmbeddedNeo4j';
export const LAUNCHER_CLASSPATH = [CLASSES_DIR, path.join(LIB_DIR, '*')].join(path.delimiter);

const BUILD_TIMEOUT_MS = 20 * 60_000;
/** A lock older than this is from a build that cannot still be running. */
const STALE_LOCK_MS = BUILD_TIMEOUT_MS + 60_000;
const PROGRESS_INTERVAL_MS = 5_000;
const ERROR_LINES = 20;

type Log = (line: string) => void;

/** Whether `java` and `mvn` are on PATH (executable files); does not run them. */
export function embeddedToolsAvailable(): { java: boolean; mvn: boolean } {
  return { java: onPath('java'), mvn: onPath('mvn') };
}

export async function ensureLauncherBuilt(log: Log): Promise<void> {
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
  const sources = fs.readdirSync(JAVA_SOURCES).filter((name) => name.endsWith('.java'));
  return built < mtime(POM) || sources.some((name) => built < mtime(path.join(JAVA_SOURCES, name)));
}

/** Runs `fn` holding an O_EXCL lock file, so two processes never run Maven into the same target/ at once. */
async function withBuildLock(log: Log, fn: () => Promise<void>): Promise<void> {
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
      await new Promise((resolve) => setTimeout(resolve, 500));
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

async function runMaven(log: Log): Promise<void> {
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
  const outputTail = new LineTail(40);
  const errorLines = new LineTail(ERROR_LINES);
  const onLine = (line: string): void => {
    if (line.includes('Downloaded from ')) fetched++;
    if (line.includes('[ERROR]')) errorLines.push(line);
    outputTail.push(line);
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
      const shown = errorLines.lines().length > 0 ? errorLines.lines() : outputTail.lines();
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

function mtime(file: string): number {
  return fs.statSync(file).mtimeMs;
}
