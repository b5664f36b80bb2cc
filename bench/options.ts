import { parseArgs } from 'node:util';
import type { LoadSettings } from './drive.ts';
import { parseVariant, type Variant } from './variants.ts';

/** What `npm run bench -- <flags>` asks for. */
export interface CliOptions {
  readonly scale: number;
  readonly load: LoadSettings;
  /** Results go to `<outDir>/<name>.{json,md}`: `latest` for a full run, `quick` for --quick. */
  readonly outDir: string;
  readonly name: string;
  readonly cpuProfileDir: string | undefined;
  /** Only load the seed and the synthetic dataset and report the loader's rates. */
  readonly ingestOnly: boolean;
  /** Load the synthetic dataset in one transaction whatever its size (the loader stages a large first load). */
  readonly oneTransaction: boolean;
  /**
   * Write the synthetic dataset with Neo4j's offline importer into an empty store before Neo4j starts (`--importer`;
   * a full run does so by itself from IMPORTER_FROM_ENTITIES).
   */
  readonly importer: boolean;
  /** Other builds of ours measured beside it (`--variant label=dir`). */
  readonly variants: readonly Variant[];
  /** With variants: times each of ours and the variants is started to time its start-up (the benchmark's default when undefined). */
  readonly starts: number | undefined;
  /** Only ours and the variants: no ceiling, no peer, no targets (an A/B of builds of ours). */
  readonly variantsOnly: boolean;
  /** Instead of the benchmark: ours under load this many seconds, its memory sampled (`--soak`). */
  readonly soakSeconds: number | undefined;
}

export const USAGE = `usage: npm run bench -- [--scale N] [--quick] [--duration S] [--repetitions N] [--connections N] [--cpu-prof DIR] [--out DIR] [--ingest-only] [--one-transaction] [--importer] [--variant LABEL=DIR ...] [--variants-only] [--starts N] [--soak S]
  --scale N        synthetic entities next to the seed (default 100000; 2000 with --quick)
  --quick          a short run: scale 2000, 2 s per question and server; writes quick.{json,md}
  --duration S     measured seconds per question and server, over all repetitions (default 10; 2 with --quick)
  --repetitions N  measured runs per question and server, servers taking turns (default 5)
  --connections N  concurrent connections (default 8)
  --cpu-prof DIR   write each server's V8 CPU profile to DIR
  --out DIR        where the results go (default bench/results)
  --ingest-only    load the seed and the synthetic dataset, print the loader's rates, and stop
  --one-transaction  load the synthetic dataset in one transaction, not staged (above 200,000 rows a first load is staged)
  --importer       write the synthetic dataset with Neo4j's offline importer before the embedded Neo4j starts; a full run
                   does so from 500,000 entities unless --one-transaction (the seed-scale headline is measured first,
                   on a Neo4j of its own)
  --variant LABEL=DIR  also measure ours from DIR as server ours@LABEL, interleaved with ours: a checkout (npm ci
                   done there) runs through tsx, a build (npm run build: dist/node) on plain Node; repeatable
  --variants-only  with --variant: measure only ours and the variants, not the ceiling or the peer
  --starts N       with --variant: start ours and each variant N times to time start-up (default 5)
  --soak S         instead of the benchmark: ours alone under load for S seconds (all questions in turn),
                   its RSS sampled every few seconds; writes soak.{json,md}`;

const FULL = { scale: 100_000, seconds: 10, warmupSeconds: 2, latencySeconds: 2 };
const QUICK = { scale: 2_000, seconds: 2, warmupSeconds: 0.5, latencySeconds: 0.5 };
/** Runs per question and server: each ratio is reported as the median and range of at least five. */
const REPETITIONS = 5;
/**
 * From this many entities a full run writes the synthetic dataset with the offline importer: at a million, the
 * staged load's publishing transaction would hold ~5 GiB (516 MB was estimated at 100,000), so Neo4j a 10 GiB heap,
 * beside the 6-8 GB the bench's own process holds of the dataset, on a 24 GiB machine; and at a quiet run's
 * transactional rate (~5,500 relations/s) its 5 million relations take a quarter of an hour before anything is timed.
 */
export const IMPORTER_FROM_ENTITIES = 500_000;

function positive(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) throw new Error(`--${flag} must be a positive number, got "${value}"\n${USAGE}`);
  return number;
}

export function parseCli(argv: readonly string[]): CliOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      scale: { type: 'string' },
      quick: { type: 'boolean', default: false },
      duration: { type: 'string' },
      connections: { type: 'string' },
      repetitions: { type: 'string' },
      'cpu-prof': { type: 'string' },
      out: { type: 'string', default: 'bench/results' },
      'ingest-only': { type: 'boolean', default: false },
      'one-transaction': { type: 'boolean', default: false },
      importer: { type: 'boolean', default: false },
      variant: { type: 'string', multiple: true, default: [] },
      'variants-only': { type: 'boolean', default: false },
      starts: { type: 'string' },
      soak: { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  const preset = values.quick ? QUICK : FULL;
  if (values['variants-only'] && values.variant.length === 0) throw new Error(`--variants-only needs at least one --variant\n${USAGE}`);
  const scale = Math.round(positive('scale', values.scale, preset.scale));
  return {
    scale,
    load: {
      connections: Math.round(positive('connections', values.connections, 8)),
      seconds: positive('duration', values.duration, preset.seconds),
      warmupSeconds: preset.warmupSeconds,
      repetitions: Math.round(positive('repetitions', values.repetitions, REPETITIONS)),
      latencySeconds: preset.latencySeconds,
    },
    outDir: values.out,
    name: values.soak !== undefined ? 'soak' : values.quick ? 'quick' : 'latest',
    cpuProfileDir: values['cpu-prof'],
    ingestOnly: values['ingest-only'],
    oneTransaction: values['one-transaction'],
    variants: uniqueLabels(values.variant.map(parseVariant)),
    variantsOnly: values['variants-only'],
    starts: values.starts === undefined ? undefined : Math.round(positive('starts', values.starts, 1)),
    soakSeconds: values.soak === undefined ? undefined : positive('soak', values.soak, 0),
    importer: importerOf(values, scale),
  };
}

function importerOf(values: { importer: boolean; 'ingest-only': boolean; 'one-transaction': boolean; soak?: string | undefined }, scale: number): boolean {
  if (values.importer && (values['one-transaction'] || values.soak !== undefined)) throw new Error(`--importer goes with neither --one-transaction nor --soak\n${USAGE}`);
  const fullRun = !values['ingest-only'] && !values['one-transaction'] && values.soak === undefined;
  return values.importer || (fullRun && scale >= IMPORTER_FROM_ENTITIES);
}

function uniqueLabels(variants: readonly Variant[]): readonly Variant[] {
  const repeated = variants.find((variant, index) => variants.findIndex((other) => other.label === variant.label) !== index);
  if (repeated) throw new Error(`--variant: the label ${repeated.label} is given twice\n${USAGE}`);
  return variants;
}
