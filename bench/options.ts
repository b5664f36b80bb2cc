import { parseArgs } from 'node:util';
import type { LoadSettings } from './drive.ts';

/** What `npm run bench -- <flags>` asks for. */
export interface CliOptions {
  readonly scale: number;
  readonly load: LoadSettings;
  /** Results go to `<outDir>/<name>.{json,md}`: `latest` for a full run, `quick` for --quick. */
  readonly outDir: string;
  readonly name: string;
  readonly cpuProfileDir: string | undefined;
}

export const USAGE = `usage: npm run bench -- [--scale N] [--quick] [--duration S] [--connections N] [--cpu-prof DIR] [--out DIR]
  --scale N        synthetic entities next to the seed (default 100000; 2000 with --quick)
  --quick          a short run: scale 2000, 2 s per question and server; writes quick.{json,md}
  --duration S     measured seconds per question and server (default 10; 2 with --quick)
  --connections N  concurrent connections (default 8)
  --cpu-prof DIR   write each server's V8 CPU profile to DIR
  --out DIR        where the results go (default bench/results)`;

const FULL = { scale: 100_000, seconds: 10, warmupSeconds: 2 };
const QUICK = { scale: 2_000, seconds: 2, warmupSeconds: 0.25 };
/** Each measurement is split in two rounds with the servers in a different order. */
const ROUNDS = 2;

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
      'cpu-prof': { type: 'string' },
      out: { type: 'string', default: 'bench/results' },
    },
    strict: true,
    allowPositionals: false,
  });
  const preset = values.quick ? QUICK : FULL;
  return {
    scale: Math.round(positive('scale', values.scale, preset.scale)),
    load: {
      connections: Math.round(positive('connections', values.connections, 8)),
      seconds: positive('duration', values.duration, preset.seconds),
      warmupSeconds: preset.warmupSeconds,
      rounds: ROUNDS,
    },
    outDir: values.out,
    name: values.quick ? 'quick' : 'latest',
    cpuProfileDir: values['cpu-prof'],
  };
}
