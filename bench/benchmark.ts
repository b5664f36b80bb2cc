import { cpus, loadavg, totalmem } from 'node:os';
import type { Driver } from 'neo4j-driver';
import type { ParsedDataset } from '../services/ingest/read-dataset.ts';
import { checkAnswers, type NotComparable } from './check.ts';
import { clientTimeoutMs, measureQuestion, serverFor, type LoadSettings, type Measurement, type Servers } from './drive.ts';
import { ingest, ingestSeed, loadingExecutor, type IngestReport } from './ingest.ts';
import { requireEmpty, type BenchNeo4j } from './neo4j.ts';
import { profileOurs } from './plans.ts';
import type { StatementPlan } from './profile-statement.ts';
import { AS_OF_QUESTION, HEADLINE, QUESTIONS } from './questions/index.ts';
import { SERVER_NAMES, type Contender, type Question, type QuestionId, type ServerName } from './questions/types.ts';
import { contendersOf, isVariant, requestOf, requestsFor, without } from './requests.ts';
import { startServers, type RunningServer, type ServerSpec } from './servers/spawn.ts';
import type { BenchTarget } from './servers/types.ts';
import { measureStarts, type StartTimes } from './start-time.ts';
import { generateSynthetic, type Landmarks, type SyntheticDataset } from './synthetic.ts';
import type { Variant } from './variants.ts';

export interface BenchmarkOptions {
  /** An empty, migrated Neo4j: the benchmark's own, or the test run's. */
  readonly target: BenchTarget;
  readonly driver: Driver;
  /** Synthetic entities to add to the seed. */
  readonly scale: number;
  readonly load: LoadSettings;
  /** Each server's connection pool, the same for all three. */
  readonly poolSize: number;
  /** Each server's transaction timeout. */
  readonly timeoutMs: number;
  readonly cpuProfileDir?: string;
  /** Load the synthetic dataset in one transaction whatever its size. */
  readonly oneTransaction?: boolean;
  /** Neo4j's process id when known, for its CPU per request. */
  readonly neo4jPid?: number;
  /** Other builds of ours (`--variant`), each asked every question ours is asked, in the same interleaved runs. */
  readonly variants?: readonly Variant[];
  /** Only ours and the variants: the ceiling and the peer are not started, asked or judged. */
  readonly variantsOnly?: boolean;
  /** With variants: how many times ours and each variant are started to time their start-up. */
  readonly starts?: number;
  /** Write the synthetic dataset with Neo4j's offline importer, into a Neo4j of its own (ImportedSynthetic). */
  readonly importer?: ImportedSynthetic;
  readonly log: (line: string) => void;
}

/**
 * The offline importer writes only into an empty store, before its Neo4j starts. So the benchmark measures the
 * headline at seed scale on the Neo4j it was given, stops its servers, calls `stopGiven` (that Neo4j is not needed
 * again, and its memory is), and measures everything else on the Neo4j `importSynthetic` returns: it loads the seed
 * into it, starts the servers again on it, and stops it at the end.
 */
export interface ImportedSynthetic {
  stopGiven(): Promise<void>;
  importSynthetic(parsed: ParsedDataset): Promise<{ readonly neo4j: BenchNeo4j; readonly report: IngestReport }>;
}

/** A measurement with the server's memory once its runs were over. */
export interface Row extends Measurement {
  readonly rssMb: number;
}

export interface BenchmarkResult {
  readonly startedAt: string;
  /** Load averages (1 min) at start and end: the machine may be shared, and the numbers are only as quiet as it was. */
  readonly machine: { readonly cpus: number; readonly memoryGib: number; readonly node: string; readonly load: readonly [number, number] };
  readonly scale: number;
  readonly load: LoadSettings;
  readonly landmarks: Landmarks;
  readonly ingest: { readonly seed: IngestReport; readonly synthetic: IngestReport; readonly generateSeconds: number };
  /** The headline question with the seed alone, then with the synthetic dataset too. */
  readonly headline: { readonly seed: readonly Row[]; readonly scaled: readonly Row[] };
  readonly rows: readonly Row[];
  readonly depths: Readonly<Record<QuestionId, number>>;
  readonly titles: Readonly<Record<QuestionId, string>>;
  /** Our headline statements, profiled with the seed alone and at scale; our as-of statements at scale. */
  readonly plans: { readonly seed: readonly StatementPlan[]; readonly scaled: readonly StatementPlan[]; readonly asOf: readonly StatementPlan[] };
  /** What each contender sent Neo4j for each question at scale, profiled: ours' statements next to the peer's generated Cypher. */
  readonly questionPlans: readonly QuestionPlans[];
  /** The variants of ours in the run, the questions each was not compared on and why, and start-up times. */
  readonly variants: readonly Variant[];
  readonly notComparable: readonly (NotComparable & { readonly question: QuestionId })[];
  readonly starts: readonly StartTimes[];
}

export interface QuestionPlans {
  readonly question: QuestionId;
  readonly contender: Contender;
  readonly plans: readonly StatementPlan[];
}

/**
 * The whole benchmark against a given Neo4j: seed, headline at seed scale, synthetic data,
 * answer checks, then every question on every server. `npm run bench` and the harness test
 * both run this; only the Neo4j, the scale and the durations differ.
 */
export async function runBenchmark(options: BenchmarkOptions): Promise<BenchmarkResult> {
  const { log } = options;
  await requireEmpty(options.driver, options.target.database);
  const startedAt = new Date().toISOString();
  const loadAtStart = loadavg()[0] ?? Number.NaN;

  const variants = options.variants ?? [];
  const others = options.variantsOnly ? [] : SERVER_NAMES.filter((name) => name !== 'ours');
  const specs: ServerSpec[] = [{ name: 'ours' }, ...others.map((name) => ({ name })), ...variants.map((variant) => ({ name: variant.name, app: variant }))];
  const spawnOptions = { target: options.target, poolSize: options.poolSize, timeoutMs: options.timeoutMs, ...cpuProfile(options) };
  // The Neo4j measured on: the one given, until an import replaces it (`at` carries its target, driver and pid).
  let at: BenchmarkOptions = options;
  let imported: BenchNeo4j | undefined;
  // The servers start (the peer builds its schema for seconds) while the seed loads.
  log(`servers: starting ${specs.map((spec) => spec.name).join(', ')}; seed: loading`);
  const starting = startServers(specs, spawnOptions);
  const [seedLoad, startup] = await Promise.allSettled([ingestSeed(loadingExecutor(options)), starting]);
  let running = startup.status === 'fulfilled' ? startup.value : [];
  try {
    if (startup.status === 'rejected') throw startup.reason;
    if (seedLoad.status === 'rejected') throw seedLoad.reason;
    const seed = seedLoad.value;
    let servers = serversOf(running);

    log('generating the synthetic dataset');
    const generating = performance.now();
    // Let go of once loaded: at a million entities it holds gigabytes, and the servers measured need the memory.
    let synthetic: SyntheticDataset | undefined = generateSynthetic({ entities: options.scale });
    const generateSeconds = (performance.now() - generating) / 1_000;
    const { landmarks } = synthetic;
    const scale = synthetic.parsed.entities.length;

    const notComparable: BenchmarkResult['notComparable'][number][] = [];
    const measure = async (questions: readonly Question[]) => {
      const { rows, left } = await checkThenMeasure(questions, landmarks, servers, at);
      for (const entry of left) if (!notComparable.some((known) => known.question === entry.question && known.variant === entry.variant)) notComparable.push(entry);
      return rows;
    };

    // The first runs after the servers (and Neo4j) start cost up to twice the CPU of later ones, while both JITs
    // warm: a round of the headline, measured and discarded, goes first whenever they have just started.
    const warmUp = async () => {
      log('warming up: the headline, not kept');
      await measure([HEADLINE]);
    };
    const headlineRequest = HEADLINE.ask(landmarks).ours;
    await warmUp();
    log('headline at seed scale');
    const headlineSeed = await measure([HEADLINE]);
    const seedPlans = await profileOurs(at.driver, at.target.database, headlineRequest);

    let syntheticIngest: IngestReport;
    if (options.importer) {
      log('servers: stopping; the importer writes a new store');
      await stopAll(running);
      running = [];
      await options.importer.stopGiven();
      const done = await options.importer.importSynthetic(synthetic.parsed);
      imported = done.neo4j;
      syntheticIngest = done.report;
      at = { ...options, target: imported.target, driver: imported.driver, ...(imported.pid === undefined ? {} : { neo4jPid: imported.pid }) };
      log(`seed: loading into the imported store; servers: starting ${specs.map((spec) => spec.name).join(', ')}`);
      await ingestSeed(loadingExecutor(at));
      running = await startServers(specs, { ...spawnOptions, target: imported.target });
      servers = serversOf(running);
      await warmUp();
    } else {
      log(`synthetic: loading ${scale} entities and ${synthetic.parsed.relations.length} relations`);
      syntheticIngest = await ingest(loadingExecutor(at), synthetic.parsed, stagingOf(options));
    }
    synthetic = undefined;
    log(`synthetic: ${Math.round(syntheticIngest.relationsPerSecond)} relations/s (${syntheticIngest.way})`);

    const rows = await measure(QUESTIONS);
    log('profiling what each server sends for each question');
    const questionPlans = await profileQuestions(landmarks, servers, at);
    const scaledPlans = await profileOurs(at.driver, at.target.database, headlineRequest);
    const asOfPlans = await profileOurs(at.driver, at.target.database, AS_OF_QUESTION.ask(landmarks).ours);
    const timed = specs.filter((spec) => spec.name === 'ours' || spec.app !== undefined);
    if (variants.length > 0) log(`start-up: ${timed.map((spec) => spec.name).join(', ')}, ${options.starts ?? DEFAULT_STARTS} times each`);
    const starts = variants.length > 0 ? await measureStarts(timed, { ...spawnOptions, target: at.target, cpuProfileDir: undefined }, options.starts ?? DEFAULT_STARTS) : [];

    return {
      startedAt,
      machine: { cpus: cpus().length, memoryGib: Math.round(totalmem() / 1024 ** 3), node: process.version, load: [loadAtStart, loadavg()[0] ?? Number.NaN] },
      scale,
      load: options.load,
      landmarks,
      ingest: { seed, synthetic: syntheticIngest, generateSeconds },
      headline: { seed: headlineSeed, scaled: rows.filter((row) => row.question === HEADLINE.id) },
      rows,
      depths: Object.fromEntries(QUESTIONS.map((q) => [q.id, q.depth])) as Record<QuestionId, number>,
      titles: Object.fromEntries(QUESTIONS.map((q) => [q.id, q.title])) as Record<QuestionId, string>,
      plans: { seed: seedPlans, scaled: scaledPlans, asOf: asOfPlans },
      questionPlans,
      variants,
      notComparable,
      starts,
    };
  } finally {
    await stopAll(running);
    await imported?.stop();
  }
}

function serversOf(running: readonly RunningServer[]): Servers {
  return Object.fromEntries(running.map((server) => [server.name, server]));
}

async function stopAll(running: readonly RunningServer[]): Promise<void> {
  await Promise.all(running.map((server) => server.stop()));
}

/** The contenders that are not a build of ours, left out by `variantsOnly`. */
const NOT_OURS: readonly Contender[] = ['ceiling', 'peer', 'peer-tuned'];

/** Times each server's start-up this often when variants are compared. */
const DEFAULT_STARTS = 5;

/**
 * Checks every answer first (a wrong one fails the run before anything is timed; a variant's leaves
 * that variant out of that question), then measures each question.
 */
async function checkThenMeasure(
  questions: readonly Question[],
  landmarks: Landmarks,
  servers: Servers,
  options: BenchmarkOptions,
): Promise<{ rows: Row[]; left: (NotComparable & { question: QuestionId })[] }> {
  const origins: Partial<Record<ServerName, string>> = Object.fromEntries(Object.values(servers).flatMap((server) => (server ? [[server.name, server.origin]] : [])));
  const variants = (options.variants ?? []).map((variant) => variant.name);
  const checked = [];
  const left: (NotComparable & { question: QuestionId })[] = [];
  for (const question of questions) {
    const all = requestsFor(question, question.ask(landmarks), variants);
    const asked = options.variantsOnly ? without(all, NOT_OURS) : all;
    const { bodies, notComparable } = await checkAnswers(question, asked, origins);
    for (const entry of notComparable) options.log(`${question.id}: ${entry.variant} not comparable: ${entry.reason.slice(0, 300)}`);
    left.push(...notComparable.map((entry) => ({ ...entry, question: question.id })));
    checked.push({ question, requests: without(asked, notComparable.map((entry) => entry.variant)), expected: bodies });
  }
  const rows: Row[] = [];
  for (const { question, requests, expected } of checked) {
    options.log(`measuring ${question.id}`);
    const measurements = await measureQuestion(question.id, requests, expected, servers, options.load, clientTimeoutMs(question.depth, options.timeoutMs), options.neo4jPid);
    rows.push(...(await withMemory(measurements, servers)));
  }
  return { rows, left };
}

/** Ours in-process (its statements by name); the others through their process, which records what it sends. */
async function profileQuestions(landmarks: Landmarks, servers: Servers, options: BenchmarkOptions): Promise<QuestionPlans[]> {
  const profiled: QuestionPlans[] = [];
  for (const question of QUESTIONS) {
    const asked = question.ask(landmarks);
    const requests = options.variantsOnly ? without(requestsFor(question, asked), NOT_OURS) : requestsFor(question, asked);
    // Variants are compared on speed; what they send is profiled in their own runs.
    for (const contender of contendersOf(requests).filter((contender) => !isVariant(contender))) {
      const plans =
        contender === 'ours'
          ? await profileOurs(options.driver, options.target.database, asked.ours)
          : await serverFor(servers, contender).profile(requestOf(requests, contender));
      profiled.push({ question: question.id, contender, plans });
    }
  }
  return profiled;
}

/** Staged above the loader's threshold, unless the run asks for one transaction. */
export function stagingOf(options: { readonly oneTransaction?: boolean }): { stageAboveRows?: number } {
  return options.oneTransaction ? { stageAboveRows: Number.POSITIVE_INFINITY } : {};
}

function cpuProfile(options: BenchmarkOptions): { cpuProfileDir?: string } {
  return options.cpuProfileDir ? { cpuProfileDir: options.cpuProfileDir } : {};
}

async function withMemory(measurements: readonly Measurement[], servers: Servers): Promise<Row[]> {
  return Promise.all(
    measurements.map(async (measurement) => ({ ...measurement, rssMb: (await serverFor(servers, measurement.server).stats()).rssBytes / 1024 ** 2 })),
  );
}
