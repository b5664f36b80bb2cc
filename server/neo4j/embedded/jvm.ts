// One run of the launcher's JVM: spawned with its arguments, its stdout protocol read (NOTE lines, then
// READY), its stderr kept as a tail for whoever must explain its end, and stopped the gentle way first.
// See neo4j-embedded/src/main/java/tianshan/neo4j/EmbeddedNeo4j.java for the other side of the protocol.
import { spawn } from 'node:child_process';
import * as net from 'node:net';
import { LAUNCHER_CLASSPATH, LAUNCHER_MAIN_CLASS } from './build.ts';
import { describeExit } from './format.ts';
import { LineTail, onLines } from './lines.ts';
import type { EmbeddedLog } from './log.ts';
import { LOOPBACK } from './port.ts';

export interface JvmSpec {
  /** Neo4j home: the store goes to `<dataDir>/data`, Neo4j's logs to `<dataDir>/logs`. */
  readonly dataDir: string;
  readonly port: number;
  /** Where the launcher finds the password of `neo4j`, or writes a new one. */
  readonly passwordFile: string;
  /** JVM -Xmx, e.g. '2g'. */
  readonly heap: string;
  /** Neo4j page cache size, e.g. '1g'. */
  readonly pageCache: string;
}

/** How a JVM ended, with what it said last: everything a failure message or a crash report shows. */
export interface JvmExit {
  readonly pid: number | undefined;
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** In words: "exit code 1: <the launcher's reason>", "signal SIGKILL (killed: …)", "could not run java: …". */
  readonly description: string;
  /** The launcher could not bind its Bolt port (its exit code 3). */
  readonly boltPortInUse: boolean;
  readonly stderrTail: readonly string[];
}

export interface Jvm {
  readonly pid: number | undefined;
  /** SIGKILL; `why` becomes part of the exit's description. */
  kill(why: string): void;
  /** EOF on stdin, on which the launcher stops the DBMS and exits 0; SIGTERM and SIGKILL if it takes too long. */
  stop(): void;
  /**
   * SIGTERM at once, for a process 'exit' handler, which must be synchronous: a signal is. Not SIGKILL, so
   * that the JVM's shutdown hook still closes the store cleanly.
   */
  terminate(): void;
  /** Lets Node's event loop end while this JVM runs: a script that forgets to stop it still ends. */
  unref(): void;
}

export interface JvmEvents {
  /** The READY line: Bolt answers and the database `neo4j` is available. */
  onReady(): void;
  /** Once, after the JVM is gone and its stderr is read to the end (or it could not be spawned at all). */
  onExit(exit: JvmExit): void;
}

/** The launcher's exit code for "the Bolt port is taken". */
const EXIT_BOLT_PORT_IN_USE = 3;
const STOP_SIGTERM_AFTER_MS = 10_000;
const STOP_SIGKILL_AFTER_MS = 20_000;
export const TAIL_LINES = 20;

export function spawnJvm(spec: JvmSpec, log: EmbeddedLog, events: JvmEvents): Jvm {
  const child = spawn(
    'java',
    [
      `-Xmx${spec.heap}`,
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
      LAUNCHER_CLASSPATH,
      LAUNCHER_MAIN_CLASS,
      '--data',
      spec.dataDir,
      '--bolt-port',
      String(spec.port),
      '--password-file',
      spec.passwordFile,
      '--pagecache',
      spec.pageCache,
    ],
    // stdin stays open for the JVM's whole life: its EOF is the JVM's signal to stop.
    { cwd: spec.dataDir, stdio: ['pipe', 'pipe', 'pipe'] },
  );

  const stderrTail = new LineTail(TAIL_LINES);
  // The launcher's own one-line reason ("EmbeddedNeo4j: failed to start: ...; caused by ..."), which
  // names the root cause (port in use, store locked) that the stack traces bury.
  let launcherReason: string | undefined;
  let killedBecause: string | undefined;
  let ready = false;
  let gone = false;
  const stopTimers: NodeJS.Timeout[] = [];

  const finish = (code: number | null, signal: NodeJS.Signals | null, spawnError?: Error): void => {
    if (gone) return;
    gone = true;
    for (const timer of stopTimers) clearTimeout(timer);
    const description =
      spawnError !== undefined
        ? `could not run java: ${spawnError.message}`
        : describeExit(code, signal) +
          (killedBecause === undefined ? '' : ` (killed: ${killedBecause})`) +
          (launcherReason === undefined ? '' : `: ${launcherReason}`);
    events.onExit({
      pid: child.pid,
      code,
      signal,
      description,
      boltPortInUse: code === EXIT_BOLT_PORT_IN_USE,
      stderrTail: stderrTail.lines(),
    });
  };
  // 'close', not 'exit': it comes after stderr has been read to its end, and the launcher's reason is its
  // last line. 'error' alone when spawning failed (e.g. ENOENT: java not on PATH).
  child.once('close', (code, signal) => finish(code, signal));
  child.once('error', (err: Error) => finish(null, null, err));
  child.stdin.on('error', (err: Error) => {
    // EPIPE when the JVM is already gone; its end is reported through 'close'.
    if (!gone && child.exitCode === null) log.warn(`embedded Neo4j: writing to the JVM's stdin failed: ${err.message}`);
  });

  onLines(child.stderr, (line) => {
    stderrTail.push(line);
    if (line.startsWith('EmbeddedNeo4j: ')) {
      launcherReason = line.slice('EmbeddedNeo4j: '.length).replace(/^failed to start: /, '');
    }
    // Before READY these lines end up in a failure message; afterwards nobody else would see them.
    if (ready) log.info(`embedded Neo4j [stderr]: ${line}`);
  });
  const readyLine = `READY bolt://${LOOPBACK}:${spec.port}`;
  onLines(child.stdout, (line) => {
    if (line === readyLine) {
      ready = true;
      events.onReady();
    } else if (line.startsWith('NOTE ')) {
      log.info(`embedded Neo4j: ${line.slice('NOTE '.length)}`);
    } else if (line.length > 0) {
      // The launcher prints nothing else on stdout; show it rather than drop it.
      log.info(`embedded Neo4j [stdout]: ${line}`);
    }
  });

  return {
    get pid() {
      return child.pid;
    },
    kill(why) {
      if (gone) return;
      killedBecause = why;
      child.kill('SIGKILL');
    },
    stop() {
      if (gone) return;
      child.stdin.end();
      stopTimers.push(
        setTimeout(() => {
          log.warn(`embedded Neo4j: JVM ${child.pid} still running ${STOP_SIGTERM_AFTER_MS / 1000} s after stdin closed; sending SIGTERM`);
          child.kill('SIGTERM');
        }, STOP_SIGTERM_AFTER_MS),
        setTimeout(() => {
          log.warn(`embedded Neo4j: JVM ${child.pid} did not stop within ${STOP_SIGKILL_AFTER_MS / 1000} s; sending SIGKILL`);
          child.kill('SIGKILL');
        }, STOP_SIGKILL_AFTER_MS),
      );
    },
    terminate() {
      if (!gone) child.kill('SIGTERM');
    },
    unref() {
      child.unref();
      for (const stream of [child.stdin, child.stdout, child.stderr]) {
        if (stream instanceof net.Socket) stream.unref();
      }
    },
  };
}
