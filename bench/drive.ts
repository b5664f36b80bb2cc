import autocannon from 'autocannon';
import type { ExpectedBodies } from './check.ts';
import { processCpuMicros } from './process-cpu.ts';
import { SERVER_NAMES, type QuestionId, type ServerName } from './questions/types.ts';
import { jsonHeaders, type BenchRequest, type ServerRequests } from './requests.ts';
import type { RunningServer } from './servers/spawn.ts';

export interface LoadSettings {
  /** Concurrent connections, the same for every server. */
  readonly connections: number;
  /** Measured seconds per question and server, split over `rounds`. */
  readonly seconds: number;
  /** Unmeasured seconds per question and server first: JIT, plan caches and connection pools warm up. */
  readonly warmupSeconds: number;
  readonly rounds: number;
}

export interface Measurement {
  readonly question: QuestionId;
  readonly server: ServerName;
  /** Answers (HTTP 200) completed within the measured time, over `seconds`. */
  readonly requests: number;
  readonly seconds: number;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Errors, timeouts, non-2xx statuses and bodies other than the checked answer. */
  readonly bad: number;
  /** Cypher statements per request, as counted inside the server. */
  readonly roundTripsPerRequest: number;
  /** CPU the server's own process spent per request (Neo4j's is not in it). */
  readonly serverCpuMsPerRequest: number;
  /** CPU Neo4j spent per request while this server was measured; NaN when its process is not known. */
  readonly neo4jCpuMsPerRequest: number;
}

export type Servers = Readonly<Record<ServerName, RunningServer>>;

interface RunResult {
  readonly latencies: number[];
  readonly seconds: number;
  readonly bad: number;
}

/** One fixed-duration run at fixed concurrency; every response must be the body the answer check saw. */
function run(origin: string, request: BenchRequest, expectBody: string, connections: number, seconds: number): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const latencies: number[] = [];
    const instance = autocannon(
      {
        url: `${origin}${request.path}`,
        method: 'POST',
        headers: jsonHeaders(),
        body: request.body,
        expectBody,
        connections,
        duration: seconds,
        // autocannon ends a run at its first sample after the duration: sampling every 100 ms
        // keeps runs to their length (with the default 1 s, a 0.3 s run lasts a second).
        sampleInt: 100,
      },
      (error: unknown, result) => {
        if (error) reject(error instanceof Error ? error : new Error(String(error)));
        else resolve({ latencies, seconds: result.duration, bad: result.errors + result.non2xx + result.mismatches });
      },
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode === 200) latencies.push(responseTime);
    });
  });
}

/** The servers in a different order each round, so that drift (GC, caches, a noisy neighbour) hits all alike. */
function orderOf(round: number): ServerName[] {
  return SERVER_NAMES.map((_, index) => SERVER_NAMES[(index + round) % SERVER_NAMES.length] as ServerName);
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? Number.NaN;
}

/** What one server did over the measured runs of one question. */
interface Tally {
  readonly latencies: number[];
  seconds: number;
  bad: number;
  /** Server-side counts, so that requests and the statements they sent match exactly. */
  requests: number;
  roundTrips: number;
  cpuMicros: number;
  /** Undefined when Neo4j's process is not known. */
  neo4jCpuMicros: number | undefined;
}

const perRequest = (amount: number | undefined, requests: number) => (amount !== undefined && requests > 0 ? amount / requests : Number.NaN);

/** Warms each server up, then measures the question on each, servers taking turns round by round. */
export async function measureQuestion(
  question: QuestionId,
  requests: ServerRequests,
  expected: ExpectedBodies,
  servers: Servers,
  settings: LoadSettings,
  /** Neo4j's process, when known (the benchmark's own embedded Neo4j), to measure its CPU per request. */
  neo4jPid?: number,
): Promise<Measurement[]> {
  const load = (server: ServerName, seconds: number) => run(servers[server].origin, requests[server], expected[server], settings.connections, seconds);
  if (settings.warmupSeconds > 0) for (const server of SERVER_NAMES) await load(server, settings.warmupSeconds);

  const tallies = Object.fromEntries(
    SERVER_NAMES.map((server): [ServerName, Tally] => [server, { latencies: [], seconds: 0, bad: 0, requests: 0, roundTrips: 0, cpuMicros: 0, neo4jCpuMicros: neo4jPid === undefined ? undefined : 0 }]),
  ) as Record<ServerName, Tally>;
  for (let round = 0; round < settings.rounds; round += 1) {
    for (const server of orderOf(round)) {
      const tally = tallies[server];
      // Between runs every server is idle, so each run's counts are its own.
      const before = await servers[server].idleStats();
      const neo4jBefore = await processCpuMicros(neo4jPid);
      const result = await load(server, settings.seconds / settings.rounds);
      const after = await servers[server].idleStats();
      const neo4jAfter = await processCpuMicros(neo4jPid);
      for (const latency of result.latencies) tally.latencies.push(latency);
      tally.seconds += result.seconds;
      tally.bad += result.bad;
      tally.requests += after.requests - before.requests;
      tally.roundTrips += after.roundTrips - before.roundTrips;
      tally.cpuMicros += after.cpuMicros - before.cpuMicros;
      tally.neo4jCpuMicros = tally.neo4jCpuMicros === undefined || neo4jBefore === undefined || neo4jAfter === undefined ? undefined : tally.neo4jCpuMicros + neo4jAfter - neo4jBefore;
    }
  }
  return SERVER_NAMES.map((server) => {
    const tally = tallies[server];
    const sorted = tally.latencies.sort((a, b) => a - b);
    return {
      question,
      server,
      requests: sorted.length,
      seconds: tally.seconds,
      requestsPerSecond: tally.seconds > 0 ? sorted.length / tally.seconds : 0,
      p50Ms: percentile(sorted, 0.5),
      p99Ms: percentile(sorted, 0.99),
      bad: tally.bad,
      roundTripsPerRequest: perRequest(tally.roundTrips, tally.requests),
      serverCpuMsPerRequest: perRequest(tally.cpuMicros / 1_000, tally.requests),
      neo4jCpuMsPerRequest: perRequest(tally.neo4jCpuMicros === undefined ? undefined : tally.neo4jCpuMicros / 1_000, tally.requests),
    };
  });
}
