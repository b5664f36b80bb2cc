import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BenchmarkResult, QuestionPlans, Row } from './benchmark.ts';
import type { IngestReport } from './ingest.ts';
import type { StatementPlan } from './profile-statement.ts';
import { QUESTION_IDS } from './questions/types.ts';
import { describeRatio, headlineGrowth, judge, median, rowOf, throughputRatio } from './targets.ts';

/** The results as one Markdown document: the table, ingest, headline scaling, targets and plans. */

const fixed = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : value === Number.POSITIVE_INFINITY ? '∞' : 'n/a');
const whole = (value: number) => (Number.isFinite(value) ? Math.round(value).toLocaleString('en') : 'n/a');

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
}

/** A contender as the tables name it: the peer's two forms of a question it has a tuned form of are told apart. */
export function contenderLabel(rows: readonly Row[], row: Row): string {
  const tuned = rowOf(rows, row.question, 'peer-tuned') !== undefined;
  if (row.server === 'peer') return tuned ? 'peer (generated connections)' : 'peer';
  if (row.server === 'peer-tuned') return 'peer (tuned: @cypher)';
  return row.server;
}

/** Per question and contender; on each other contender's row, ours' throughput over its own (median and range over the repetitions). */
export function resultsTable(result: BenchmarkResult, rows: readonly Row[] = result.rows): string {
  return table(
    ['question', 'server', 'req/s', 'req/s per repetition', 'p50 ms', 'p99 ms', 'round-trips/req', 'RSS MB', 'server CPU ms/req', 'Neo4j CPU ms/req', 'bad', 'ours ÷ this'],
    rows.map((row) => [
      row.question,
      contenderLabel(rows, row),
      whole(row.requestsPerSecond),
      row.perRepetition.map(whole).join(', '),
      fixed(row.p50Ms),
      fixed(row.p99Ms),
      fixed(row.roundTripsPerRequest, 2),
      whole(row.rssMb),
      fixed(row.serverCpuMsPerRequest, 2),
      fixed(row.neo4jCpuMsPerRequest, 2),
      String(row.bad),
      row.server === 'ours' ? '' : describeRatio(throughputRatio(rows, row.question, row.server)),
    ]),
  );
}

/**
 * Per question and other contender: the CPU a request costs ours and it (its process plus Neo4j's JVM while it was
 * measured), their ratio, and the throughput ratio measured. On cores the servers share with Neo4j, a question bound
 * by CPU has the two agree, and the gap is then that many milliseconds of CPU per request.
 */
export function cpuBoundsTable(result: BenchmarkResult): string {
  const total = (row: Row) => row.serverCpuMsPerRequest + row.neo4jCpuMsPerRequest;
  const cpu = (row: Row) => `${fixed(row.serverCpuMsPerRequest, 2)} + ${fixed(row.neo4jCpuMsPerRequest, 2)} = ${fixed(total(row), 2)}`;
  const lines = result.rows.flatMap((row) => {
    const ours = rowOf(result.rows, row.question, 'ours');
    if (row.server === 'ours' || !ours) return [];
    return [[row.question, contenderLabel(result.rows, row), cpu(ours), cpu(row), fixed(total(row) / total(ours), 2), fixed(throughputRatio(result.rows, row.question, row.server).median, 2)]];
  });
  return table(['question', 'server', 'ours CPU ms/req: process + Neo4j', 'its CPU ms/req: process + Neo4j', 'its ÷ ours CPU', 'ours ÷ it req/s (median)'], lines);
}

/**
 * Ours against each other build of ours, question by question: throughput (median and range of the
 * per-repetition ratios), p99 and the server's CPU per request side by side; a question a variant
 * could not be asked is named with the reason. Then start-up times, spawn to listening.
 */
export function variantsTable(result: BenchmarkResult): string {
  const lines = QUESTION_IDS.flatMap((question) =>
    result.variants.map((variant) => {
      const left = result.notComparable.find((entry) => entry.question === question && entry.variant === variant.name);
      const ours = rowOf(result.rows, question, 'ours');
      const them = rowOf(result.rows, question, variant.name);
      if (left || !ours || !them) return [question, variant.name, 'not comparable', '', '', left ? oneLine(left.reason) : 'not measured'];
      return [
        question,
        variant.name,
        describeRatio(throughputRatio(result.rows, question, variant.name)),
        `${fixed(ours.p99Ms)} / ${fixed(them.p99Ms)}`,
        `${fixed(ours.serverCpuMsPerRequest, 2)} / ${fixed(them.serverCpuMsPerRequest, 2)} (${fixed(ours.serverCpuMsPerRequest / them.serverCpuMsPerRequest, 2)})`,
        '',
      ];
    }),
  );
  const starts = result.starts.map(({ server, startMs }) => [server, whole(median(startMs)), `${whole(Math.min(...startMs))}–${whole(Math.max(...startMs))}`, startMs.map(whole).join(', ')]);
  return [
    table(['question', 'variant', 'ours ÷ variant req/s', 'p99 ms ours / variant', 'server CPU ms/req ours / variant (ratio)', 'note'], lines),
    '',
    table(['server', 'start-up ms, median', 'range', 'each start'], starts),
  ].join('\n');
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').replaceAll('|', '\\|');
  return flat.length > 200 ? `${flat.slice(0, 197)}...` : flat;
}

/** One connection, one request at a time: what a lone client waits. */
export function latencyTable(rows: readonly Row[]): string {
  return table(
    ['question', 'server', 'requests', 'p50 ms', 'p99 ms'],
    rows.map((row) => [row.question, contenderLabel(rows, row), String(row.singleConnection.requests), fixed(row.singleConnection.p50Ms), fixed(row.singleConnection.p99Ms)]),
  );
}

/** Statements and db hits of what each contender sent for each question. */
function dbHitsTable(result: BenchmarkResult): string {
  return table(
    ['question', 'server', 'statements', 'db hits', 'scans'],
    result.questionPlans.map(({ question, contender, plans }) => [
      question,
      contender,
      String(plans.length),
      whole(plans.reduce((sum, plan) => sum + plan.dbHits, 0)),
      plans.flatMap((plan) => plan.scans).join('; ') || 'none',
    ]),
  );
}

function questionPlanSection(profiled: QuestionPlans): string {
  const statements = profiled.plans.map((plan) =>
    [
      `**${plan.name}**: ${plan.dbHits.toLocaleString('en')} db hits`,
      '```cypher',
      plan.text.trim(),
      '```',
      '```',
      ...plan.lines,
      '```',
    ].join('\n'),
  );
  return [`<details><summary>${profiled.question}: ${profiled.contender}</summary>`, '', ...statements, '', '</details>'].join('\n');
}

export function ingestTable(reports: readonly IngestReport[]): string {
  return table(
    [
      'dataset',
      'way',
      'entities',
      'relations',
      'seconds',
      'entities/s',
      'relations/s',
      'validate + plan + entities s (importer: records and files)',
      'relations s (importer: the import)',
      'commit s (staged: publish; importer: Neo4j start, indexes, the rest)',
    ],
    reports.map((r) => [
      r.dataset,
      r.way,
      whole(r.entities),
      whole(r.relations),
      fixed(r.seconds),
      whole(r.entitiesPerSecond),
      whole(r.relationsPerSecond),
      fixed(r.phases.untilEntitiesWritten),
      fixed(r.phases.relationsWritten),
      fixed(r.phases.commit),
    ]),
  );
}

function dbHits(plans: readonly StatementPlan[]): string {
  return plans.map((plan) => `${plan.dbHits.toLocaleString('en')} (${plan.name})`).join(' + ');
}

function planSection(title: string, plans: readonly StatementPlan[]): string {
  return [
    `### ${title}`,
    ...plans.map((plan) =>
      [
        `**${plan.name}**: ${plan.dbHits.toLocaleString('en')} db hits; ${plan.scans.length === 0 ? 'no scans' : `scans: ${plan.scans.join('; ')}`}`,
        '```',
        ...plan.lines,
        '```',
      ].join('\n'),
    ),
  ].join('\n\n');
}

export function markdownReport(result: BenchmarkResult, elapsedSeconds: number): string {
  const { load, machine } = result;
  const verdicts = judge(result);
  return [
    '# Tianshan benchmark',
    '',
    `${result.startedAt}: ${whole(result.scale)} synthetic entities plus the seed; ${load.connections} connections, ` +
      `about ${load.seconds} s per question and server in ${load.repetitions} repetitions (each a fixed number of requests sized from the warm-up's rate), ` +
      `servers taking turns in a balanced order and drained to idle before and after every run, after ${load.warmupSeconds} s of warm-up; ` +
      `${machine.cpus} CPUs, ${machine.memoryGib} GiB, Node ${machine.node}, load average ${fixed(machine.load[0])} at start and ${fixed(machine.load[1])} at end; ` +
      `the whole run took ${fixed(elapsedSeconds, 0)} s.`,
    '',
    'Servers: **ours** (server/yoga.ts as shipped), **ceiling** (one hand-written Cypher statement per question over node:http), ' +
      '**peer** (@neo4j/graphql 7 on graphql-yoga). All three answered every question identically before timing. ' +
      'Round-trips are Cypher statements counted inside each server (ours: `onQuery`; peer: its driver, wrapped).',
    '',
    '## Questions',
    '',
    table(
      ['id', 'ours asks', 'depth'],
      Object.entries(result.titles).map(([id, title]) => [id, `\`${title}\``, String(result.depths[id as keyof typeof result.depths])]),
    ),
    '',
    `Landmarks chosen by the generator: ${JSON.stringify(result.landmarks)}.`,
    '',
    '## Results',
    '',
    'req/s counts only the checked answer (status 200 and the very body all servers agreed on), over the time the runs took; ' +
      'p50/p99 are over those answers. "ours ÷ this" is the median of the per-repetition ratios, with their range: only ratios ' +
      'taken in the same run mean anything on a shared machine. CPU columns: ' +
      "the server's own process, and Neo4j's JVM while that server was measured, per request. bad: errors, " +
      'timeouts and answers other than the checked one; a target is missed on any.',
    '',
    resultsTable(result),
    '',
    '## What bounds each ratio: CPU per request',
    '',
    "The servers share the machine's cores with Neo4j, so where a question is bound by CPU, ours ÷ another's throughput " +
      'follows the CPU each request costs them (the process plus Neo4j while it was measured), inverted. Where the last two ' +
      'columns agree, the gap is that many milliseconds of CPU per request; where they differ, something else bounds it ' +
      '(waiting on locks or I/O, warm-up, a loaded machine). n/a: Neo4j is not the benchmark’s own, so its CPU is unknown.',
    '',
    cpuBoundsTable(result),
    '',
    ...(result.variants.length > 0
      ? [
          '## Ours against other builds of ours',
          '',
          `Variants: ${result.variants.map((v) => `**${v.name}** (${v.extension === 'ts' ? 'a checkout through tsx' : 'a build on plain Node'}: ${v.dir})`).join(', ')}, ` +
            'each asked exactly what ours is asked, in the same interleaved runs. Start-up: spawning the process to its server listening, ' +
            'each server started alone, in turns.',
          '',
          variantsTable(result),
          '',
        ]
      : []),
    '## Latency at one connection',
    '',
    latencyTable(result.rows),
    '',
    '## Targets',
    '',
    table(['target', 'met', 'numbers'], verdicts.map((v) => [v.target, v.met ? 'yes' : '**no**', v.detail])),
    '',
    '## Ingest',
    '',
    ingestTable([result.ingest.seed, result.ingest.synthetic]),
    '',
    `Generating the synthetic dataset took ${fixed(result.ingest.generateSeconds, 2)} s. The seed's rate means little: ` +
      'it is a few hundred rows, and most of its time goes to planning each statement the first time.',
    '',
    '## Headline at seed scale and at scale',
    '',
    'The seed alone:',
    '',
    resultsTable(result, result.headline.seed),
    '',
    `With ${whole(result.scale)} synthetic entities:`,
    '',
    resultsTable(result, result.headline.scaled),
    '',
    `ours p99 at scale ÷ at seed scale: ${fixed(headlineGrowth(result), 2)}. The plans below say why it does not grow: ` +
      `our headline statements touch ${dbHits(result.plans.seed)} db hits with the seed alone and ${dbHits(result.plans.scaled)} at scale.`,
    '',
    '## Plans of our headline statements',
    '',
    planSection('Seed alone', result.plans.seed),
    '',
    planSection(`With ${whole(result.scale)} synthetic entities`, result.plans.scaled),
    '',
    '## Plans of our as-of statements',
    '',
    planSection(`With ${whole(result.scale)} synthetic entities`, result.plans.asOf),
    '',
    '## What each server sends, profiled',
    '',
    `Every statement each server sent for one request of each question, with ${whole(result.scale)} synthetic entities, run again under PROFILE ` +
      "with its own parameters: ours' statements by name, the peer's Cypher as @neo4j/graphql generated it.",
    '',
    dbHitsTable(result),
    '',
    ...result.questionPlans.map(questionPlanSection),
    '',
  ].join('\n');
}

/** Writes `<name>.json` and `<name>.md` under `dir`; returns their paths. */
export async function writeReport(result: BenchmarkResult, elapsedSeconds: number, dir: string, name: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const json = path.join(dir, `${name}.json`);
  const markdown = path.join(dir, `${name}.md`);
  await writeFile(json, `${JSON.stringify({ ...result, elapsedSeconds, targets: judge(result) }, null, 2)}\n`);
  await writeFile(markdown, markdownReport(result, elapsedSeconds));
  return [json, markdown];
}
