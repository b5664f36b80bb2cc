import type { Driver } from 'neo4j-driver';
import { CypherExecutor } from '../cypher/executor.ts';
import { readDataset } from '../services/ingest/read-dataset.ts';
import { SEED_DIR, stagingOf } from './benchmark.ts';
import { clientTimeoutMs, run } from './drive.ts';
import { ingest } from './ingest.ts';
import { QUESTIONS } from './questions/index.ts';
import { requestOf, requestsFor, send } from './requests.ts';
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
  const executor = new CypherExecutor(options.driver, { database: options.target.database, timeoutMs: 60 * 60_000 });
  await ingest(executor, await readDataset(SEED_DIR));
  const synthetic = generateSynthetic({ entities: options.scale });
  log(`synthetic: loading ${synthetic.parsed.entities.length} entities`);
  await ingest(executor, synthetic.parsed, stagingOf(options));
  const server = await startServer('ours', { target: options.target, poolSize: options.poolSize, timeoutMs: options.timeoutMs });
  try {
    const asked = await Promise.all(
      QUESTIONS.map(async (question) => {
        const request = requestOf(requestsFor(question, question.ask(synthetic.landmarks)), 'ours');
        const { status, text } = await send(server.origin, request);
        if (status !== 200) throw new Error(`${question.id}: ours answered ${status}: ${text.slice(0, 500)}`);
        return { question, request, body: text };
      }),
    );
    const startedAt = new Date().toISOString();
    const began = performance.now();
    const elapsed = () => (performance.now() - began) / 1_000;
    const samples: RssSample[] = [];
    const sample = async () => samples.push({ seconds: elapsed(), rssMb: (await server.stats()).rssBytes / 1024 ** 2 });
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
    };
  } finally {
    await server.stop();
  }
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
    '| RSS at start MB | at end MB | max MB | slope MB/min | slope over the second half MB/min |',
    '| --- | --- | --- | --- | --- |',
    `| ${mb(result.startMb)} | ${mb(result.endMb)} | ${mb(result.maxMb)} | ${mb(result.slopeMbPerMinute)} | ${mb(result.secondHalfSlopeMbPerMinute)} |`,
    '',
    `Samples every ${SAMPLE_EVERY_MS / 1_000} s (seconds: MB): ${result.samples.map((s) => `${s.seconds.toFixed(0)}: ${s.rssMb.toFixed(0)}`).join(', ')}.`,
    '',
  ].join('\n');
}
