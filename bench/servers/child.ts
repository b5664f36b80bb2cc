import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import type * as Neo4jDriver from '../../server/neo4j/driver.ts';
import { profileStatement } from '../profile-statement.ts';
import type { ServerName } from '../questions/types.ts';
import { appModule, type AppTree } from '../variants.ts';
import { countingDriver, type DriverCounters } from './counting-driver.ts';
import { CHILD_ARGUMENTS_VARIABLE, type ChildArguments, type FromServer, type ServerFactory, type ToServer } from './types.ts';

/**
 * The process one benchmark server runs in, so that its memory is its own to measure. Started by
 * spawn.ts with its arguments as JSON in an environment variable; answers over IPC (see FromServer / ToServer).
 * It serves on loopback only, on a port the system picks.
 */
async function factoryOf(server: ServerName): Promise<ServerFactory> {
  // Imported on demand: a process loads only its own server's code (the peer's library alone is
  // tens of MB), so that its memory and start time are its own.
  if (server === 'ceiling') return (await import('./ceiling.ts')).ceilingServer;
  if (server === 'peer') return (await import('./peer.ts')).peerServer;
  return (await import('./ours.ts')).oursServer;
}

/** The tree's own createDriver: its app then meets the neo4j-driver it was written for. */
async function createDriverOf(tree: AppTree): Promise<typeof Neo4jDriver.createDriver> {
  return ((await import(pathToFileURL(appModule(tree, 'neo4j/driver')).href)) as typeof Neo4jDriver).createDriver;
}

function send(message: FromServer): void {
  process.send?.(message);
}

async function main(): Promise<void> {
  const args = JSON.parse(process.env[CHILD_ARGUMENTS_VARIABLE] ?? '{}') as ChildArguments;
  const createDriver = await createDriverOf(args.app);
  const driver = createDriver({ ...args.target, way: 'uri', stop: async () => {} }, { poolSize: args.poolSize });
  const counters: DriverCounters = { statements: 0, openSessions: 0 };
  const factory = await factoryOf(args.server);
  const server = await factory({ driver: countingDriver(driver, counters), counters, database: args.target.database, timeoutMs: args.timeoutMs, app: args.app });

  let requests = 0;
  let exchanges = 0;
  const http = createServer((request, response) => {
    exchanges += 1;
    // 'close' comes after 'finish', and also when the client goes away first (autocannon does at
    // the end of a run): every request is counted, answered or not, with the statements it sent.
    response.once('close', () => {
      exchanges -= 1;
      requests += 1;
    });
    server.listener(request, response);
  });
  // Keep-alive longer than autocannon's pauses between runs, so runs do not pay for reconnects.
  http.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));

  process.on('message', (message: ToServer) => {
    if (message.type === 'stats') {
      const cpu = process.cpuUsage();
      const inFlight = exchanges + counters.openSessions;
      send({ type: 'stats', id: message.id, stats: { requests, inFlight, roundTrips: server.roundTrips(), rssBytes: process.memoryUsage.rss(), heapUsedBytes: process.memoryUsage().heapUsed, cpuMicros: cpu.user + cpu.system } });
    } else if (message.type === 'record') {
      counters.recorded = [];
      send({ type: 'recording', id: message.id });
    } else if (message.type === 'profile') {
      const recorded = counters.recorded ?? [];
      counters.recorded = undefined;
      // On the driver itself, not the counting one: profiling is no request's round-trip.
      Promise.all(recorded.map((statement, index) => profileStatement(driver, args.target.database, `${args.server} #${index + 1}`, statement.text, statement.params)))
        .then((plans) => send({ type: 'plans', id: message.id, plans }))
        .catch((error: unknown) => send({ type: 'failed', id: message.id, message: error instanceof Error ? error.message : String(error) }));
    } else {
      http.closeAllConnections();
      http.close(() => void driver.close().finally(() => process.exit(0)));
    }
  });
  // The parent holds the other end of the IPC channel: when it goes, so does this process.
  process.on('disconnect', () => process.exit(0));
  send({ type: 'ready', port: (http.address() as AddressInfo).port });
}

main().catch((error: unknown) => {
  send({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  process.exit(1);
});
