import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServerName } from '../questions/types.ts';
import { CHILD_ARGUMENTS_VARIABLE, type BenchTarget, type ChildArguments, type FromServer, type ServerStats } from './types.ts';

const CHILD = fileURLToPath(new URL('./child.ts', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const READY_TIMEOUT_MS = 120_000;
const REPLY_TIMEOUT_MS = 10_000;
const EXIT_TIMEOUT_MS = 10_000;
const IDLE_TIMEOUT_MS = 60_000;
const IDLE_POLL_MS = 20;

/** A benchmark server running in its own process. */
export interface RunningServer {
  readonly name: ServerName;
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  readonly pid: number;
  stats(): Promise<ServerStats>;
  /** Stats once no request is in flight, so that every statement counted belongs to a counted request. */
  idleStats(): Promise<ServerStats>;
  stop(): Promise<void>;
}

export interface SpawnOptions {
  readonly target: BenchTarget;
  readonly poolSize: number;
  readonly timeoutMs: number;
  /** Write V8 CPU profiles of the server under `<dir>/<server>/` when it stops (`node --cpu-prof`). */
  readonly cpuProfileDir?: string;
}

/** Starts one server in a child process (TypeScript through tsx) and waits until it listens. */
export async function startServer(name: ServerName, options: SpawnOptions): Promise<RunningServer> {
  const args: ChildArguments = { server: name, target: options.target, poolSize: options.poolSize, timeoutMs: options.timeoutMs };
  // One folder per server: node writes a profile per thread (tsx's loader runs in its own), named by pid and thread.
  const profile = options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(options.cpuProfileDir, name)}`] : [];
  const child = fork(CHILD, [], {
    cwd: REPO_ROOT,
    // The environment, not argv: the arguments hold Neo4j's password, and any user on the machine may
    // read another's command line (ps), but not its environment.
    env: { ...process.env, [CHILD_ARGUMENTS_VARIABLE]: JSON.stringify(args) },
    execArgv: ['--import', 'tsx', ...profile],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = await nextMessage(child, READY_TIMEOUT_MS, `${name} server to start`);
  if (ready.type !== 'ready') {
    child.kill('SIGKILL');
    throw new Error(`${name} server failed to start: ${ready.type === 'failed' ? ready.message : ready.type}`);
  }

  const stats = async (): Promise<ServerStats> => {
    const reply = nextMessage(child, REPLY_TIMEOUT_MS, `${name} server's stats`);
    child.send({ type: 'stats' });
    const message = await reply;
    if (message.type !== 'stats') throw new Error(`${name} server answered ${message.type} to stats`);
    return message.stats;
  };

  return {
    name,
    origin: `http://127.0.0.1:${ready.port}`,
    pid: child.pid ?? 0,
    stats,
    async idleStats() {
      for (let waited = 0; waited < IDLE_TIMEOUT_MS; waited += IDLE_POLL_MS) {
        const current = await stats();
        if (current.inFlight === 0) return current;
        await sleep(IDLE_POLL_MS);
      }
      throw new Error(`${name} server still busy ${IDLE_TIMEOUT_MS / 1000} s after the load stopped`);
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.send({ type: 'stop' });
      const timer = setTimeout(() => child.kill('SIGKILL'), EXIT_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function nextMessage(child: ChildProcess, timeoutMs: number, what: string): Promise<FromServer> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    const onMessage = (message: FromServer) => {
      cleanup();
      resolve(message);
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`${what}: the process exited (code ${code})`));
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`${what}: no answer within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

/** Starts every named server side by side; if one fails, stops the others and throws. */
export async function startServers(names: readonly ServerName[], options: SpawnOptions): Promise<RunningServer[]> {
  const settled = await Promise.allSettled(names.map((name) => startServer(name, options)));
  const started = settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const failure = settled.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failure) {
    await Promise.all(started.map((server) => server.stop()));
    throw failure.reason;
  }
  return started;
}
