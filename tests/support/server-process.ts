// `npm start` in a child process, as an orchestrator runs it: for tests of what the process does as a
// whole (signals, exit codes, the embedded Neo4j it starts and supervises).
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

export interface LogLine extends Record<string, unknown> {
  readonly msg: string;
  readonly level: string;
}

/** `npm start` (as `node --import tsx server/main.ts`, so that signals reach it without npx between). */
export function startServer(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    // Only what is given: a NEO4J_URI in the test's own environment must not leak in.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'info', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const logs = (): LogLine[] =>
    (stdout + stderr)
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as LogLine);

  /** Resolves with the GraphiQL URL once it is printed. */
  const listening = (timeoutMs: number) =>
    new Promise<URL>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL within ${timeoutMs} ms:\n${stdout}\n${stderr}`)), timeoutMs);
      const check = () => {
        const match = /GraphiQL\) at (http:\/\/\S+)/.exec(stdout);
        if (!match?.[1]) return;
        clearTimeout(timer);
        resolve(new URL(match[1].replace('localhost', '127.0.0.1')));
      };
      child.stdout.on('data', check);
      void exited.then((code) => {
        clearTimeout(timer);
        reject(new Error(`exited (${code}) before listening:\n${stdout}\n${stderr}`));
      });
    });
  return { child, exited, logs, listening, output: () => `${stdout}\n${stderr}` };
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ESRCH') return false;
    throw error;
  }
}

/** Whether the process is gone within `timeoutMs`. */
export async function gone(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (alive(pid) && Date.now() < deadline) await sleep(100);
  return !alive(pid);
}
