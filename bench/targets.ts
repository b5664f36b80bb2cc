import type { BenchmarkResult, Row } from './benchmark.ts';
import { QUESTION_IDS, type QuestionId, type ServerName } from './questions/types.ts';

/** The goals of issue 5, each judged from a result: met or missed, with the numbers behind it. */
export interface TargetVerdict {
  readonly target: string;
  readonly met: boolean;
  readonly detail: string;
}

export const TARGETS = {
  oursOverPeer: 1.0,
  oursOverCeiling: 0.6,
  headlineP99Growth: 2.0,
  ingestRelationsPerSecond: 50_000,
} as const;

export function rowOf(rows: readonly Row[], question: QuestionId, server: ServerName): Row | undefined {
  return rows.find((row) => row.question === question && row.server === server);
}

/** Throughput of ours divided by another server's, for one question. */
export function throughputRatio(rows: readonly Row[], question: QuestionId, other: ServerName): number {
  const ours = rowOf(rows, question, 'ours');
  const them = rowOf(rows, question, other);
  if (!ours || !them) return Number.NaN;
  // A server that finished nothing in the measured time is infinitely slower, not incomparable.
  if (them.requestsPerSecond === 0) return ours.requestsPerSecond > 0 ? Number.POSITIVE_INFINITY : Number.NaN;
  return ours.requestsPerSecond / them.requestsPerSecond;
}

export function headlineGrowth(result: BenchmarkResult): number {
  const seed = rowOf(result.headline.seed, 'ili', 'ours');
  const scaled = rowOf(result.headline.scaled, 'ili', 'ours');
  return seed && scaled ? scaled.p99Ms / seed.p99Ms : Number.NaN;
}

const fixed = (value: number, digits = 2) => (Number.isFinite(value) ? value.toFixed(digits) : value === Number.POSITIVE_INFINITY ? '∞' : 'n/a');

export function judge(result: BenchmarkResult): TargetVerdict[] {
  const questions = QUESTION_IDS.filter((id) => rowOf(result.rows, id, 'ours'));
  const ratios = (other: ServerName) => questions.map((id) => [id, throughputRatio(result.rows, id, other)] as const);
  const listed = (pairs: readonly (readonly [string, number])[]) => pairs.map(([id, value]) => `${id} ${fixed(value)}`).join(', ');
  const peer = ratios('peer');
  const ceiling = ratios('ceiling');
  const trips = questions.map((id) => [id, rowOf(result.rows, id, 'ours')?.roundTripsPerRequest ?? Number.NaN, result.depths[id] + 1] as const);
  const growth = headlineGrowth(result);
  const ingest = result.ingest.synthetic.relationsPerSecond;
  return [
    { target: `ours ÷ peer ≥ ${TARGETS.oursOverPeer} (req/s) on every question`, met: peer.every(([, r]) => r >= TARGETS.oursOverPeer), detail: listed(peer) },
    { target: `ours ÷ ceiling ≥ ${TARGETS.oursOverCeiling} (req/s)`, met: ceiling.every(([, r]) => r >= TARGETS.oursOverCeiling), detail: listed(ceiling) },
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
      target: `ingest ≥ ${TARGETS.ingestRelationsPerSecond.toLocaleString('en')} relations/s`,
      met: ingest >= TARGETS.ingestRelationsPerSecond,
      detail: `${Math.round(ingest).toLocaleString('en')} relations/s`,
    },
  ];
}
