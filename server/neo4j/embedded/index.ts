// Neo4j Community 5.26 embedded in a JVM child process, for machines without Docker.
//
// build.ts builds the Java launcher (neo4j-embedded/) with Maven on first use; jvm.ts runs one JVM of it;
// lifecycle.ts decides what happens when (start, restart after a crash, stop) and supervisor.ts carries
// that out. The JVM never outlives this Node process: it stops on EOF of its stdin, which the kernel
// delivers when this process dies for any reason, and a process 'exit' handler signals it on a normal exit.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensureLauncherBuilt } from './build.ts';
import { DEFAULT_RESTART_POLICY, type LifecycleState, type RestartPolicy } from './lifecycle.ts';
import { stderrLog, type EmbeddedLog } from './log.ts';
import { markerKeeper } from './marker.ts';
import { EMBEDDED_USER, passwordFileOf, readPassword } from './password.ts';
import { chooseBoltPort, LOOPBACK, type IfPortTaken } from './port.ts';
import { Supervisor } from './supervisor.ts';

export interface EmbeddedNeo4j {
  /** `bolt://127.0.0.1:<port>`: the same across restarts, so a driver given it keeps working. */
  readonly uri: string;
  readonly dataDir: string;
  /** Authentication is on: `neo4j` and the password kept in the data folder (see password.ts). */
  readonly user: string;
  readonly password: string;
  /** Pid of the JVM running now: a restart changes it, and there is none while a restart is pending. */
  readonly pid: number | undefined;
  /** Where its lifecycle is now ('running', 'restart-pending', 'restarting', 'stopped', …). */
  readonly state: LifecycleState['name'];
  /** Stops the DBMS cleanly and resolves once the JVM has exited. Safe to call more than once. */
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Neo4j home: the store goes to `<dataDir>/data`, Neo4j's logs to `<dataDir>/logs`. */
  readonly dataDir: string;
  /** 0 or undefined: pick a free loopback port. */
  readonly boltPort?: number;
  /** When `boltPort` is taken: fail with a BoltPortInUseError, or take a free port instead. @default 'fail' */
  readonly ifBoltPortTaken?: IfPortTaken;
  /** JVM -Xmx. @default '2g' */
  readonly heap?: string;
  /** Neo4j page cache size. @default '1g' */
  readonly pageCache?: string;
  /** How a JVM that exits unexpectedly is restarted. @default DEFAULT_RESTART_POLICY */
  readonly restarts?: RestartPolicy;
  /** The JVM kept exiting and will not be restarted again; `npm start` exits then. */
  readonly onGiveUp?: (error: Error) => void;
  /** @default plain lines on stderr */
  readonly log?: EmbeddedLog;
}

const READY_TIMEOUT_MS = 120_000;
const SIZE_PATTERN = /^\d+[kmgKMG]?$/;

export async function startEmbeddedNeo4j(options: EmbeddedOptions): Promise<EmbeddedNeo4j> {
  const log = options.log ?? stderrLog;
  const heap = options.heap ?? '2g';
  const pageCache = options.pageCache ?? '1g';
  // -Xmx with a malformed size makes the JVM exit with a message that does not name the option's source.
  if (!SIZE_PATTERN.test(heap)) throw new Error(`embedded Neo4j: heap must look like '2g' or '512m', got '${heap}'`);
  if (!SIZE_PATTERN.test(pageCache)) {
    throw new Error(`embedded Neo4j: pageCache must look like '1g' or '512m', got '${pageCache}'`);
  }
  const dataDir = path.resolve(options.dataDir);
  // A new data folder is its owner's alone: the store files inside are created readable by all.
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });

  const info = (line: string): void => log.info(line);
  await ensureLauncherBuilt(info);
  const port = await chooseBoltPort(options.boltPort ?? 0, options.ifBoltPortTaken ?? 'fail', info);
  log.info(`embedded Neo4j: starting (data ${dataDir}, bolt ${LOOPBACK}:${port}, heap ${heap}, page cache ${pageCache})`);

  const supervisor = new Supervisor({
    spec: { dataDir, port, passwordFile: passwordFileOf(dataDir), heap, pageCache },
    policy: options.restarts ?? DEFAULT_RESTART_POLICY,
    readyTimeoutMs: READY_TIMEOUT_MS,
    log,
    onGiveUp: options.onGiveUp,
    onStateChange: markerKeeper(dataDir, log),
  });
  await supervisor.start();
  let password: string;
  try {
    // Read once the JVM is ready: by then the launcher has made the file if there was none.
    password = readPassword(dataDir, log);
  } catch (error) {
    // The caller gets an error, so it gets no JVM either.
    await supervisor.stop();
    throw error;
  }
  return {
    uri: supervisor.uri,
    dataDir,
    user: EMBEDDED_USER,
    password,
    get pid() {
      return supervisor.pid;
    },
    get state() {
      return supervisor.state.name;
    },
    stop: () => supervisor.stop(),
  };
}
