import type { Driver } from 'neo4j-driver';
import { stagingOf } from './benchmark.ts';
import { checkAnswers } from './check.ts';
import { clientTimeoutMs, run } from './drive.ts';
import { ingest, ingestSeed, loadingExecutor } from './ingest.ts';
import { QUESTIONS } from './questions/index.ts';
import { requestOf, requestsFor } from './requests.ts';
import { startServer } from './servers/spawn.ts';
import type { BenchTarget } from './servers/types.ts';
import { generateSynthetic } from './synthetic.ts';

export interface SoakOptions {
  readonly target: BenchTarget;
  readonly driver: Driver;
  readonly scale: number;
  readonly seconds: number;
  readonly connections: number;
  readonly poolSize: number;
  readonly timeoutMs: number;
  readonly oneTransaction: boolean;
  readonly log: (line: string) => void;
}

/** Ours' resident memory at one moment of the soak. */
export interface RssSample {
  readonly seconds: number;
  readonly rssMb: number;
  readonly heapUsedMb: number;
}

export interface SoakResult {
  readonly startedAt: string;
  readonly scale: number;
  readonly connections: number;
  readonly seconds: number;
  /** Checked answers, and anything else (errors, timeouts, other bodies), over the whole soak, per question. */
  readonly answers: Readonly<Record<string, { readonly answers: number; readonly bad: number }>>;
  readonly samples: readonly RssSample[];
  readonly startMb: number;
  readonly endMb: number;
  readonly maxMb: number;
  /** Least-squares slope of RSS over time, in MB per minute: over all samples, and over the second half (past warm-up). */
  readonly slopeMbPerMinute: number;
  readonly secondHalfSlopeMbPerMinute: number;
  /**
   * The lowest RSS and V8 heap in use in the first and in the last minute: memory saws up and down
   * with garbage collection, and a leak shows in floors that rise, whatever moment a sample catches.
   */
  readonly floors: { readonly firstMinute: Floor; readonly lastMinute: Floor };
}

export interface Floor {
  readonly rssMb: number;
  readonly heapUsedMb: number;
}

const SAMPLE_EVERY_MS = 5_000;
/** Each question is asked this long in turn, so that every code path runs throughout the soak. */
const SLICE_SECONDS = 10;

/**
 * Ours alone under load for `seconds` (issue 15: RSS stays flat under the 64-connection load):
 * the seed and the synthetic dataset, then every question in turn, its answer checked as in the
 * benchmark, while the process's RSS is sampled every few seconds.
 */
export async function runSoak(options: SoakOptions): Promise<SoakResult> {
  const { log } = options;
  const executor = loadingExecutor(options);
  await ingestSeed(executor);
  const synthetic = generateSynthetic({ entities: options.scale });
  log(`synthetic: loading ${synthetic.parsed.entities.length} entities`);
  await ingest(executor, synthetic.parsed, stagingOf(options));
  const server = await startServer('ours', { target: options.target, poolSize: options.poolSize, timeoutMs: options.timeoutMs });
  try {
    // The benchmark's own check: the second answer (the first may pay for a cold plan), with no error in it.
    const asked = [];
    for (const question of QUESTIONS) {
      const request = requestOf(requestsFor(question, question.ask(synthetic.landmarks)), 'ours');
      const { bodies } = await checkAnswers(question, { ours: request }, { ours: server.origin });
      if (bodies.ours === undefined) throw new Error(`${question.id}: ours gave no answer to check against`);
      asked.push({ question, request, body: bodies.ours });
    }
    const startedAt = new Date().toISOString();
    const began = performance.now();
    const elapsed = () => (performance.now() - began) / 1_000;
    const samples: RssSample[] = [];
    const sample = async () => {
      const stats = await server.stats();
      samples.push({ seconds: elapsed(), rssMb: stats.rssBytes / 1024 ** 2, heapUsedMb: stats.heapUsedBytes / 1024 ** 2 });
    };
    await sample();
    const sampler = setInterval(() => void sample().catch((error: unknown) => log(`soak: RSS sample failed: ${String(error)}`)), SAMPLE_EVERY_MS);
    const answers: Record<string, { answers: number; bad: number }> = Object.fromEntries(asked.map(({ question }) => [question.id, { answers: 0, bad: 0 }]));
    try {
      for (let slice = 0; elapsed() < options.seconds; slice += 1) {
        const turn = asked[slice % asked.length];
        if (!turn) throw new Error('soak: no question to ask');
        const { question, request, body } = turn;
        const seconds = Math.min(SLICE_SECONDS, Math.max(1, options.seconds - elapsed()));
        const result = await run(server.origin, request, body, options.connections, { seconds }, clientTimeoutMs(question.depth, options.timeoutMs));
        const tally = answers[question.id];
        if (tally) {
          tally.answers += result.latencies.length;
          tally.bad += result.bad;
        }
        log(`soak: ${elapsed().toFixed(0)} s, ${question.id}: ${result.latencies.length} answers, ${result.bad} bad; RSS ${samples.at(-1)?.rssMb.toFixed(0)} MB`);
      }
    } finally {
      clearInterval(sampler);
    }
    await server.idleStats();
    await sample();
    const rss = samples.map((s) => s.rssMb);
    const secondHalf = samples.filter((s) => s.seconds >= options.seconds / 2);
    return {
      startedAt,
      scale: synthetic.parsed.entities.length,
      connections: options.connections,
      seconds: elapsed(),
      answers,
      samples,
      startMb: rss[0] ?? Number.NaN,
      endMb: rss.at(-1) ?? Number.NaN,
      maxMb: Math.max(...rss),
      slopeMbPerMinute: slopePerMinute(samples),
      secondHalfSlopeMbPerMinute: slopePerMinute(secondHalf),
      // The sample at 0 s is the idle process before the load: not a floor under load.
      floors: { firstMinute: floorOf(samples.filter((s) => s.seconds > 0 && s.seconds <= 60)), lastMinute: floorOf(samples.filter((s) => s.seconds >= elapsed() - 60)) },
    };
  } finally {
    await server.stop();
  }
}

function floorOf(samples: readonly RssSample[]): Floor {
  return { rssMb: Math.min(...samples.map((s) => s.rssMb)), heapUsedMb: Math.min(...samples.map((s) => s.heapUsedMb)) };
}

/** The least-squares line through the samples: its slope, in MB per minute. */
export function slopePerMinute(samples: readonly RssSample[]): number {
  if (samples.length < 2) return Number.NaN;
  const meanT = samples.reduce((sum, s) => sum + s.seconds, 0) / samples.length;
  const meanY = samples.reduce((sum, s) => sum + s.rssMb, 0) / samples.length;
  const covariance = samples.reduce((sum, s) => sum + (s.seconds - meanT) * (s.rssMb - meanY), 0);
  const variance = samples.reduce((sum, s) => sum + (s.seconds - meanT) ** 2, 0);
  return variance > 0 ? (covariance / variance) * 60 : Number.NaN;
}

const mb = (value: number) => (Number.isFinite(value) ? value.toFixed(1) : 'n/a');

/** The soak in a few lines: what ran, and RSS at start, end, its maximum and its slopes. */
export function soakSummary(result: SoakResult): string {
  return [
    `# Tianshan soak`,
    '',
    `${result.startedAt}: ours alone, ${result.scale.toLocaleString('en')} synthetic entities plus the seed, ${result.connections} connections, ` +
      `${result.seconds.toFixed(0)} s, the questions in turn (${SLICE_SECONDS} s each). Checked answers (and bad ones: errors, timeouts, ` +
      `other bodies): ${Object.entries(result.answers).map(([id, tally]) => `${id} ${tally.answers.toLocaleString('en')} (${tally.bad})`).join(', ')}.`,
    '',
    '| RSS at start MB | at end MB | max MB | slope MB/min | slope over the second half MB/min | floor RSS MB, first / last minute | floor V8 heap used MB, first / last minute |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    `| ${mb(result.startMb)} | ${mb(result.endMb)} | ${mb(result.maxMb)} | ${mb(result.slopeMbPerMinute)} | ${mb(result.secondHalfSlopeMbPerMinute)} | ` +
      `${mb(result.floors.firstMinute.rssMb)} / ${mb(result.floors.lastMinute.rssMb)} | ${mb(result.floors.firstMinute.heapUsedMb)} / ${mb(result.floors.lastMinute.heapUsedMb)} |`,
    '',
    `Samples every ${SAMPLE_EVERY_MS / 1_000} s (seconds: RSS MB / V8 heap used MB): ${result.samples.map((s) => `${s.seconds.toFixed(0)}: ${s.rssMb.toFixed(0)}/${s.heapUsedMb.toFixed(0)}`).join(', ')}.`,
    '',
  ].join('\n');
}
