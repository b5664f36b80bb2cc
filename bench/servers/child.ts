import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDriver } from '../../server/neo4j/driver.ts';
import { profileStatement } from '../plans.ts';
import type { ServerName } from '../questions/types.ts';
import { ceilingServer } from './ceiling.ts';
import { countingDriver, type DriverCounters } from './counting-driver.ts';
import { oursServer } from './ours.ts';
import { peerServer } from './peer.ts';
import { CHILD_ARGUMENTS_VARIABLE, type ChildArguments, type FromServer, type ServerFactory, type ToServer } from './types.ts';

/**
 * The process one benchmark server runs in, so that its memory is its own to measure. Started by
 * spawn.ts with its arguments as JSON in an environment variable; answers over IPC (see FromServer / ToServer).
 * It serves on loopback only, on a port the system picks.
 */
const FACTORIES: Record<ServerName, ServerFactory> = { ours: oursServer, ceiling: ceilingServer, peer: peerServer };

function send(message: FromServer): void {
  process.send?.(message);
}

async function main(): Promise<void> {
  const args = JSON.parse(process.env[CHILD_ARGUMENTS_VARIABLE] ?? '{}') as ChildArguments;
  const driver = createDriver({ ...args.target, way: 'uri', stop: async () => {} }, { poolSize: args.poolSize });
  const counters: DriverCounters = { statements: 0, openSessions: 0 };
  const server = await FACTORIES[args.server]({ driver: countingDriver(driver, counters), counters, database: args.target.database, timeoutMs: args.timeoutMs });

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
      send({ type: 'stats', id: message.id, stats: { requests, inFlight, roundTrips: server.roundTrips(), rssBytes: process.memoryUsage.rss(), cpuMicros: cpu.user + cpu.system } });
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
