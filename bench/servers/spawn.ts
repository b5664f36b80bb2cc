import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StatementPlan } from '../plans.ts';
import type { ServerName } from '../questions/types.ts';
import { send, type BenchRequest } from '../requests.ts';
import { CHILD_ARGUMENTS_VARIABLE, type BenchTarget, type ChildArguments, type FromServer, type ServerStats, type ToServer } from './types.ts';

const CHILD = fileURLToPath(new URL('./child.ts', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const READY_TIMEOUT_MS = 120_000;
// A server busy with the heavy question on a loaded machine (two cores, other work) can take longer than 10 s to answer.
const REPLY_TIMEOUT_MS = 60_000;
const EXIT_TIMEOUT_MS = 10_000;
const IDLE_TIMEOUT_MS = 60_000;
const IDLE_POLL_MS = 20;
const PROFILE_TIMEOUT_MS = 120_000;

/** A benchmark server running in its own process. */
export interface RunningServer {
  readonly name: ServerName;
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  readonly pid: number;
  stats(): Promise<ServerStats>;
  /** Stats once no request is in flight, so that every statement counted belongs to a counted request. */
  idleStats(): Promise<ServerStats>;
  /** Sends the request once, idle before and after, and PROFILEs every statement the server sent for it. */
  profile(request: BenchRequest): Promise<StatementPlan[]>;
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
  const ready = await nextMessage(child, READY_TIMEOUT_MS, `${name} server to start`, (message) => !('id' in message));
  if (ready.type !== 'ready') {
    child.kill('SIGKILL');
    throw new Error(`${name} server failed to start: ${ready.type === 'failed' ? ready.message : ready.type}`);
  }

  let asked = 0;
  const ask = async (question: ToServer['type'], timeoutMs: number): Promise<FromServer> => {
    asked += 1;
    const id = asked;
    const reply = nextMessage(child, timeoutMs, `${name} server's answer to ${question}`, (message) => 'id' in message && message.id === id);
    child.send({ type: question, id } satisfies ToServer);
    return reply;
  };
  const stats = async (): Promise<ServerStats> => {
    const message = await ask('stats', REPLY_TIMEOUT_MS);
    if (message.type !== 'stats') throw new Error(`${name} server answered ${message.type} to stats`);
    return message.stats;
  };
  const idleStats = async (): Promise<ServerStats> => {
    for (let waited = 0; waited < IDLE_TIMEOUT_MS; waited += IDLE_POLL_MS) {
      const current = await stats();
      if (current.inFlight === 0) return current;
      await sleep(IDLE_POLL_MS);
    }
    throw new Error(`${name} server still busy ${IDLE_TIMEOUT_MS / 1000} s after the load stopped`);
  };
  const origin = `http://127.0.0.1:${ready.port}`;

  return {
    name,
    origin,
    pid: child.pid ?? 0,
    stats,
    idleStats,
    async profile(request) {
      await idleStats();
      const recording = await ask('record', REPLY_TIMEOUT_MS);
      if (recording.type !== 'recording') throw new Error(`${name} server answered ${recording.type} to record`);
      const { status, text } = await send(origin, request);
      if (status !== 200) throw new Error(`${name} server answered ${status} to the request to profile: ${text.slice(0, 500)}`);
      await idleStats();
      const message = await ask('profile', PROFILE_TIMEOUT_MS);
      if (message.type !== 'plans') throw new Error(`${name} server could not profile: ${message.type === 'failed' ? message.message : message.type}`);
      return [...message.plans];
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.send({ type: 'stop', id: 0 } satisfies ToServer);
      const timer = setTimeout(() => child.kill('SIGKILL'), EXIT_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The next message `accept`s, within `timeoutMs`; others are someone else's answers. */
function nextMessage(child: ChildProcess, timeoutMs: number, what: string, accept: (message: FromServer) => boolean): Promise<FromServer> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    const onMessage = (message: FromServer) => {
      if (!accept(message)) return;
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
