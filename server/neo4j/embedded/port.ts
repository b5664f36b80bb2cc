// The embedded Neo4j's Bolt port: one asked of the kernel, or one checked before a JVM is started on it,
// so that a taken port is one clear line rather than a JVM's 60-line stack trace.
import * as net from 'node:net';
import { BoltPortInUseError } from '../../errors.ts';
import { isErrno } from './system.ts';

/** The embedded Neo4j listens on loopback only. */
export const LOOPBACK = '127.0.0.1';
/** Neo4j's own default, which Neo4j Browser and cypher-shell try first. */
export const DEFAULT_BOLT_PORT = 7687;

/** What to do when the port asked for is taken: fail, or take a free one instead. */
export type IfPortTaken = 'fail' | 'use-a-free-port';

/** Asks a free port of the kernel by binding port 0 on loopback; there is a small race until the JVM binds it. */
export async function freeLoopbackPort(): Promise<number> {
  const server = await listening(0);
  const address = server.address();
  await close(server);
  if (address === null || typeof address === 'string') throw new Error(`unexpected address from a TCP listener: ${String(address)}`);
  return address.port;
}

/** Whether `port` on loopback is free, found by listening on it just as the JVM will. */
export async function portIsFree(port: number): Promise<boolean> {
  try {
    await close(await listening(port));
    return true;
  } catch (err) {
    if (isErrno(err, 'EADDRINUSE')) return false;
    throw err;
  }
}

/**
 * The port to start on: a free one for 0; else `port` when it is free, and when it is taken either a
 * BoltPortInUseError or a free port instead (said in `log`), as `ifTaken` says.
 */
export async function chooseBoltPort(port: number, ifTaken: IfPortTaken, log: (line: string) => void): Promise<number> {
  if (port === 0) return freeLoopbackPort();
  if (await portIsFree(port)) return port;
  if (ifTaken === 'fail') throw new BoltPortInUseError(port);
  const instead = await freeLoopbackPort();
  log(`embedded Neo4j: Bolt port ${port} is in use (another Neo4j?); using free port ${instead} instead`);
  return instead;
}

function listening(port: number): Promise<net.Server> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(port, LOOPBACK, () => resolve(server));
  });
}

function close(server: net.Server): Promise<void> {
  return new Promise((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
}
