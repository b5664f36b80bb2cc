import autocannon from 'autocannon';
import type { ExpectedBodies } from './check.ts';
import { processCpuMicros } from './process-cpu.ts';
import { serverOf, type Contender, type QuestionId, type ServerName } from './questions/types.ts';
import { contendersOf, jsonHeaders, requestOf, type BenchRequest, type ContenderRequests } from './requests.ts';
import type { RunningServer } from './servers/spawn.ts';

export interface LoadSettings {
  /** Concurrent connections, the same for every server. */
  readonly connections: number;
  /** Measured seconds per question and contender, about: the sum of its repetitions. */
  readonly seconds: number;
  /** Unmeasured seconds per question and contender first: JIT, plan caches and pools warm up, and the rate it shows sizes the runs. */
  readonly warmupSeconds: number;
  /** Runs per question and contender, servers taking turns in a balanced order; each ratio is reported as their median and range. */
  readonly repetitions: number;
  /** About how long the one-connection latency run of each question and contender lasts. */
  readonly latencySeconds: number;
}

/** Latency with one connection: what one client waits, with nothing queued ahead of it. */
export interface SingleConnection {
  readonly requests: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

export interface Measurement {
  readonly question: QuestionId;
  readonly server: Contender;
  /** Checked answers (HTTP 200, the body the answer check saw) over all repetitions. */
  readonly requests: number;
  /**
   * Requests the load generator sent in the measured runs, and requests the server counted over
   * them: equal when every server was drained to idle around every run, so no run's work spilled into another's.
   */
  readonly sent: number;
  readonly served: number;
  readonly seconds: number;
  /** Checked answers per second over all repetitions. */
  readonly requestsPerSecond: number;
  /** Checked answers per second in each repetition, in repetition order: ratios pair repetitions of the same round. */
  readonly perRepetition: readonly number[];
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Errors, timeouts, non-2xx statuses and bodies other than the checked answer: none of them counts as an answer. */
  readonly bad: number;
  /** Cypher statements per request, as counted inside the server. */
  readonly roundTripsPerRequest: number;
  /** CPU the server's own process spent per request (Neo4j's is not in it). */
  readonly serverCpuMsPerRequest: number;
  /** CPU Neo4j spent per request while this server was measured; NaN when its process is not known. */
  readonly neo4jCpuMsPerRequest: number;
  readonly singleConnection: SingleConnection;
}

export type Servers = Readonly<Partial<Record<ServerName, RunningServer>>>;

/** The running process that answers a contender. */
export function serverFor(servers: Servers, contender: Contender): RunningServer {
  const server = servers[serverOf(contender)];
  if (!server) throw new Error(`no server runs ${contender}`);
  return server;
}

export interface RunResult {
  /** Latencies of the checked answers only. */
  readonly latencies: number[];
  /** Requests answered or failed: every one sent, for a run of a fixed number. */
  readonly sent: number;
  readonly seconds: number;
  readonly bad: number;
}

/** A run is a fixed number of requests (every one answered or failed before it ends), or, for warm-up, a fixed time. */
export type RunLength = { readonly requests: number } | { readonly seconds: number };

/**
 * How long the load generator waits for an answer before it counts a timeout: longer than a valid
 * answer can take, so that a slow answer is measured as slow, not as a failure. A question's
 * `depth + 1` statements run one after another, each stopped by Neo4j at the server's transaction
 * timeout, after up to one more such wait for a pooled connection (autocannon's own default is 10 s,
 * shorter than that as soon as NEO4J_TX_TIMEOUT_MS is raised).
 */
export function clientTimeoutMs(depth: number, transactionTimeoutMs: number): number {
  return (depth + 2) * transactionTimeoutMs;
}

/**
 * One run at fixed concurrency. Only answers with status 200 and exactly the checked body count,
 * and only their latencies are kept: a fast wrong answer must not raise a server's rate.
 */
export function run(origin: string, request: BenchRequest, expectBody: string, connections: number, length: RunLength, timeoutMs: number): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const latencies: number[] = [];
    let responses = 0;
    // autocannon reports a response ('response') and then, synchronously on the same parser callback,
    // asks verifyBody about its body: `last` is always the response whose body is being checked.
    let last = { status: 0, latency: 0 };
    const instance = autocannon(
      {
        url: `${origin}${request.path}`,
        method: 'POST',
        headers: jsonHeaders(),
        body: request.body,
        verifyBody: (body) => {
          const expected = typeof body === 'string' && body === expectBody;
          if (expected && last.status === 200) latencies.push(last.latency);
          return expected;
        },
        connections,
        // In seconds, as autocannon takes it.
        timeout: Math.ceil(timeoutMs / 1_000),
        ...('requests' in length ? { amount: length.requests } : { duration: length.seconds }),
        // autocannon ends a timed run at its first sample after the duration: sampling every 100 ms
        // keeps runs to their length (with the default 1 s, a 0.3 s run lasts a second).
        sampleInt: 100,
      },
      (error: unknown, result) => {
        if (error) reject(error instanceof Error ? error : new Error(String(error)));
        else resolve({ latencies, sent: responses + result.errors, seconds: result.duration, bad: result.errors + (responses - latencies.length) });
      },
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      responses += 1;
      last = { status: statusCode, latency: responseTime };
    });
  });
}

/**
 * The contenders in the order of round `round`: rotated one place every other round and reversed
 * every other round, so that over 2 × n rounds each takes every place equally often and follows
 * each other as often as it precedes it. Drift (GC, caches, a noisy neighbour) hits all alike.
 */
export function balancedOrder<T>(items: readonly T[], round: number): T[] {
  const shift = Math.floor(round / 2) % Math.max(items.length, 1);
  const rotated = items.map((_, index) => items[(index + shift) % items.length] as T);
  return round % 2 === 0 ? rotated : rotated.reverse();
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? Number.NaN;
}

/** What one contender did over the measured runs of one question. */
interface Tally {
  readonly latencies: number[];
  readonly perRepetition: number[];
  seconds: number;
  bad: number;
  sent: number;
  /** Server-side counts, so that requests and the statements they sent match exactly. */
  requests: number;
  roundTrips: number;
  cpuMicros: number;
  /** Undefined when Neo4j's process is not known. */
  neo4jCpuMicros: number | undefined;
}

const perRequest = (amount: number | undefined, requests: number) => (amount !== undefined && requests > 0 ? amount / requests : Number.NaN);

/** Fewest requests in a measured run: every connection answers at least twice, so no run is one wave. */
const MIN_RUN_REQUESTS_PER_CONNECTION = 2;
const SINGLE_CONNECTION_REQUESTS = { min: 5, max: 200 } as const;

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/**
 * Warms each contender up, then measures the question on each, contenders taking turns in a
 * balanced order, repetition by repetition, then the latency of each at one connection. Every
 * server is drained to idle (no HTTP exchange and no Neo4j session open) after its warm-up and
 * before and after each run, so no server's leftovers run during another's turn. A measured run is a
 * fixed number of requests, sized from the warm-up's rate to last about `seconds / repetitions`:
 * every request sent is answered within the run, however slow the server, so slow answers are not
 * cut off at the end of a window.
 */
export async function measureQuestion(
  question: QuestionId,
  requests: ContenderRequests,
  expected: ExpectedBodies,
  servers: Servers,
  settings: LoadSettings,
  /** How long the client waits for one answer (clientTimeoutMs). */
  timeoutMs: number,
  /** Neo4j's process, when known (the benchmark's own embedded Neo4j), to measure its CPU per request. */
  neo4jPid?: number,
): Promise<Measurement[]> {
  const contenders = contendersOf(requests);
  const serverOf = (contender: Contender) => serverFor(servers, contender);
  const load = (contender: Contender, connections: number, length: RunLength) => {
    const body = expected[contender];
    if (body === undefined) throw new Error(`${question}: no checked answer for ${contender}`);
    return run(serverOf(contender).origin, requestOf(requests, contender), body, connections, length, timeoutMs);
  };

  const minimum = settings.connections * MIN_RUN_REQUESTS_PER_CONNECTION;
  const runRequests = new Map<Contender, number>(contenders.map((contender) => [contender, minimum]));
  if (settings.warmupSeconds > 0) {
    for (const contender of contenders) {
      const warm = await load(contender, settings.connections, { seconds: settings.warmupSeconds });
      await serverOf(contender).idleStats();
      const rate = warm.seconds > 0 ? warm.latencies.length / warm.seconds : 0;
      runRequests.set(contender, Math.max(minimum, Math.round((rate * settings.seconds) / settings.repetitions)));
    }
  }

  const tallies = new Map<Contender, Tally>(
    contenders.map((contender) => [
      contender,
      { latencies: [], perRepetition: [], seconds: 0, bad: 0, sent: 0, requests: 0, roundTrips: 0, cpuMicros: 0, neo4jCpuMicros: neo4jPid === undefined ? undefined : 0 },
    ]),
  );
  for (let round = 0; round < settings.repetitions; round += 1) {
    for (const contender of balancedOrder(contenders, round)) {
      const tally = tallies.get(contender);
      if (!tally) continue;
      const server = serverOf(contender);
      // Between runs every server is idle, so each run's counts are its own.
      const before = await server.idleStats();
      const neo4jBefore = await processCpuMicros(neo4jPid);
      const result = await load(contender, settings.connections, { requests: runRequests.get(contender) ?? minimum });
      const after = await server.idleStats();
      const neo4jAfter = await processCpuMicros(neo4jPid);
      for (const latency of result.latencies) tally.latencies.push(latency);
      tally.perRepetition.push(result.seconds > 0 ? result.latencies.length / result.seconds : 0);
      tally.seconds += result.seconds;
      tally.bad += result.bad;
      tally.sent += result.sent;
      tally.requests += after.requests - before.requests;
      tally.roundTrips += after.roundTrips - before.roundTrips;
      tally.cpuMicros += after.cpuMicros - before.cpuMicros;
      tally.neo4jCpuMicros = tally.neo4jCpuMicros === undefined || neo4jBefore === undefined || neo4jAfter === undefined ? undefined : tally.neo4jCpuMicros + neo4jAfter - neo4jBefore;
    }
  }

  const single = new Map<Contender, SingleConnection>();
  for (const contender of balancedOrder(contenders, settings.repetitions)) {
    const tally = tallies.get(contender);
    const rate = tally && tally.seconds > 0 ? tally.latencies.length / tally.seconds / settings.connections : 0;
    const count = clamp(Math.round(rate * settings.latencySeconds), SINGLE_CONNECTION_REQUESTS.min, SINGLE_CONNECTION_REQUESTS.max);
    await serverOf(contender).idleStats();
    const result = await load(contender, 1, { requests: count });
    await serverOf(contender).idleStats();
    const sorted = result.latencies.sort((a, b) => a - b);
    single.set(contender, { requests: sorted.length, p50Ms: percentile(sorted, 0.5), p99Ms: percentile(sorted, 0.99) });
    if (tally) tally.bad += result.bad;
  }

  return contenders.flatMap((contender) => {
    const tally = tallies.get(contender);
    if (!tally) return [];
    const sorted = tally.latencies.sort((a, b) => a - b);
    return [
      {
        question,
        server: contender,
        requests: sorted.length,
        sent: tally.sent,
        served: tally.requests,
        seconds: tally.seconds,
        requestsPerSecond: tally.seconds > 0 ? sorted.length / tally.seconds : 0,
        perRepetition: tally.perRepetition,
        p50Ms: percentile(sorted, 0.5),
        p99Ms: percentile(sorted, 0.99),
        bad: tally.bad,
        roundTripsPerRequest: perRequest(tally.roundTrips, tally.requests),
        serverCpuMsPerRequest: perRequest(tally.cpuMicros / 1_000, tally.requests),
        neo4jCpuMsPerRequest: perRequest(tally.neo4jCpuMicros === undefined ? undefined : tally.neo4jCpuMicros / 1_000, tally.requests),
        singleConnection: single.get(contender) ?? { requests: 0, p50Ms: Number.NaN, p99Ms: Number.NaN },
      },
    ];
  });
}
