// The embedded Neo4j's Bolt port.
import * as net from 'node:net';

/** The embedded Neo4j listens on loopback only. */
export const LOOPBACK = '127.0.0.1';

/** Asks a free port of the kernel by binding port 0 on loopback; there is a small race until the JVM binds it. */
export async function freeLoopbackPort(): Promise<number> {
  const server = await listening(0);
  const address = server.address();
  await close(server);
  if (address === null || typeof address === 'string') throw new Error(`unexpected address from a TCP listener: ${String(address)}`);
  return address.port;
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
