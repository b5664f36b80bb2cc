import type { BenchmarkResult, Row } from './benchmark.ts';
import { QUESTION_IDS, type Contender, type QuestionId } from './questions/types.ts';

/** The goals of issues 5 and 15, each judged from a result: met or missed, with the numbers behind it. */
export interface TargetVerdict {
  readonly target: string;
  readonly met: boolean;
  readonly detail: string;
}

export const TARGETS = {
  oursOverPeer: 1.5,
  oursOverCeiling: 0.8,
  headlineP99Growth: 2.0,
  ingestRelationsPerSecond: 50_000,
  /** A first load by Neo4j's offline importer, from the dataset in memory to a database that answers. */
  importRelationsPerSecond: 100_000,
} as const;

/** A ratio over the repetitions of one run: the median and the range of the per-repetition ratios. */
export interface RatioStats {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  /** Either side gave a bad answer (an error, a timeout, a wrong body): no target can be met on it. */
  readonly bad: boolean;
}

export function rowOf(rows: readonly Row[], question: QuestionId, server: Contender): Row | undefined {
  return rows.find((row) => row.question === question && row.server === server);
}

/** The peer's faster form of the question (generated, or tuned where it has one), by its rate over all repetitions. */
export function bestPeer(rows: readonly Row[], question: QuestionId): Contender {
  const tuned = rowOf(rows, question, 'peer-tuned');
  const generated = rowOf(rows, question, 'peer');
  return tuned && (!generated || tuned.requestsPerSecond > generated.requestsPerSecond) ? 'peer-tuned' : 'peer';
}

// A server that finished nothing in a repetition is infinitely slower there, not incomparable.
const ratio = (ours: number, them: number) => (them > 0 ? ours / them : ours > 0 ? Number.POSITIVE_INFINITY : Number.NaN);

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? Number.NaN) : ((sorted[middle - 1] ?? Number.NaN) + (sorted[middle] ?? Number.NaN)) / 2;
}

/**
 * Throughput of ours over another contender's for one question, repetition by repetition: the two
 * runs of one repetition are minutes apart at most, so each ratio sees the same machine.
 */
export function throughputRatio(rows: readonly Row[], question: QuestionId, other: Contender): RatioStats {
  const ours = rowOf(rows, question, 'ours');
  const them = rowOf(rows, question, other);
  if (!ours || !them) return { median: Number.NaN, min: Number.NaN, max: Number.NaN, bad: false };
  const ratios = ours.perRepetition.map((rate, index) => ratio(rate, them.perRepetition[index] ?? 0));
  return { median: median(ratios), min: Math.min(...ratios), max: Math.max(...ratios), bad: ours.bad > 0 || them.bad > 0 };
}

export function headlineGrowth(result: BenchmarkResult): number {
  const seed = rowOf(result.headline.seed, 'ili', 'ours');
  const scaled = rowOf(result.headline.scaled, 'ili', 'ours');
  return seed && scaled ? scaled.p99Ms / seed.p99Ms : Number.NaN;
}

export const fixed = (value: number, digits = 2) => (Number.isFinite(value) ? value.toFixed(digits) : value === Number.POSITIVE_INFINITY ? '∞' : 'n/a');

/** `1.52 (1.40–1.61)`, and `bad` when a side gave bad answers. */
export function describeRatio(stats: RatioStats): string {
  return `${fixed(stats.median)} (${fixed(stats.min)}–${fixed(stats.max)})${stats.bad ? ' bad answers' : ''}`;
}

export function judge(result: BenchmarkResult): TargetVerdict[] {
  // A run of ours against its variants alone (--variants-only) has nothing to judge the targets by.
  if (!result.rows.some((row) => row.server === 'ceiling')) return [];
  const questions = QUESTION_IDS.filter((id) => rowOf(result.rows, id, 'ours'));
  const ratios = (other: (id: QuestionId) => Contender) => questions.map((id) => [id, throughputRatio(result.rows, id, other(id))] as const);
  const listed = (pairs: readonly (readonly [string, RatioStats])[]) => pairs.map(([id, stats]) => `${id} ${describeRatio(stats)}`).join(', ');
  const reaches = (pairs: readonly (readonly [string, RatioStats])[], bound: number) => pairs.every(([, stats]) => !stats.bad && stats.median >= bound);
  const peer = ratios((id) => bestPeer(result.rows, id));
  const ceiling = ratios(() => 'ceiling');
  const trips = questions.map((id) => [id, rowOf(result.rows, id, 'ours')?.roundTripsPerRequest ?? Number.NaN, result.depths[id] + 1] as const);
  const growth = headlineGrowth(result);
  const ingest = result.ingest.synthetic.relationsPerSecond;
  const imported = result.ingest.synthetic.way === 'offline importer';
  const ingestTarget = imported ? TARGETS.importRelationsPerSecond : TARGETS.ingestRelationsPerSecond;
  const repetitions = result.load.repetitions;
  return [
    {
      target: `ours ÷ peer (its faster form) ≥ ${TARGETS.oursOverPeer} (req/s, median of ${repetitions}, no bad answers) on every question`,
      met: reaches(peer, TARGETS.oursOverPeer),
      detail: listed(peer),
    },
    {
      target: `ours ÷ ceiling ≥ ${TARGETS.oursOverCeiling} (req/s, median of ${repetitions}, no bad answers)`,
      met: reaches(ceiling, TARGETS.oursOverCeiling),
      detail: listed(ceiling),
    },
    {
      target: 'ours: round-trips per request ≤ depth + 1',
      met: trips.every(([, trips, bound]) => trips <= bound),
      detail: trips.map(([id, value, bound]) => `${id} ${fixed(value)} ≤ ${bound}`).join(', '),
    },
    {
      target: `headline p99 at ${result.scale.toLocaleString('en')} ≤ ${TARGETS.headlineP99Growth}× at seed scale`,
      met: growth <= TARGETS.headlineP99Growth,
      detail: `${fixed(growth)}×`,
    },
    {
      target: `as-of question at ${result.scale.toLocaleString('en')}: index seeks only`,
      met: result.plans.asOf.length > 0 && result.plans.asOf.every((plan) => plan.scans.length === 0),
      detail: result.plans.asOf.map((plan) => `${plan.name}: ${plan.dbHits.toLocaleString('en')} db hits${plan.scans.length > 0 ? `, scans ${plan.scans.join('; ')}` : ''}`).join(', '),
    },
    {
      target: `ingest ${imported ? 'by the offline importer' : 'in transactions'} ≥ ${ingestTarget.toLocaleString('en')} relations/s`,
      met: ingest >= ingestTarget,
      detail: `${Math.round(ingest).toLocaleString('en')} relations/s (${result.ingest.synthetic.way})`,
    },
  ];
}
