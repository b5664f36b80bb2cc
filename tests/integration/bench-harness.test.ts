import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runBenchmark, type BenchmarkResult } from '../../bench/benchmark.ts';
import { importOffline } from '../../bench/ingest.ts';
import type { BenchNeo4j } from '../../bench/neo4j.ts';
import { run } from '../../bench/drive.ts';
import { QUESTIONS } from '../../bench/questions/index.ts';
import { SERVER_NAMES } from '../../bench/questions/types.ts';
import { cpuBoundsTable, writeReport } from '../../bench/report.ts';
import { contendersOf, requestsFor, send } from '../../bench/requests.ts';
import { checkAnswers } from '../../bench/check.ts';
import { startServer } from '../../bench/servers/spawn.ts';
import { OURS_TREE } from '../../bench/variants.ts';
import { generateSynthetic } from '../../bench/synthetic.ts';
import { validateDataset } from '../../services/ingest/validate.ts';
import { emptyDatabase, testDriver } from '../support/database.ts';

/**
 * The benchmark's own logic at a tiny scale on the run's Neo4j: the three servers must give
 * equal answers to every question (runBenchmark checks that before it measures anything), and
 * the generator must give the same dataset every time. Nothing here is about speed.
 */
const SCALE = 300;

let driver: Driver;
let result: BenchmarkResult;

beforeAll(async () => {
  driver = testDriver();
  // Other files leave the seed behind; the benchmark loads its own data into an empty database.
  await emptyDatabase(driver);
  result = await runBenchmark({
    target: inject('neo4j'),
    driver,
    scale: SCALE,
    load: { connections: 2, seconds: 0.3, warmupSeconds: 0.2, repetitions: 5, latencySeconds: 0.1 },
    poolSize: 4,
    // Generous: the peer's widest statement, planned cold on two shared cores, takes seconds even at this scale.
    timeoutMs: 30_000,
    log: () => {},
  });
}, 480_000);

afterAll(async () => {
  await emptyDatabase(driver);
  await driver.close();
});

describe('the synthetic dataset', () => {
  it('is the same every time for the same options, and another for another seed', () => {
    const first = generateSynthetic({ entities: SCALE });
    const again = generateSynthetic({ entities: SCALE });
    expect(again).toEqual(first);
    expect(generateSynthetic({ entities: SCALE, seed: 7 }).parsed.relations).not.toEqual(first.parsed.relations);
  });

  it('has the seed shape at about five relations per entity, and passes the loader validation', () => {
    const { parsed, landmarks } = generateSynthetic({ entities: SCALE });
    expect(parsed.entities).toHaveLength(SCALE);
    expect(parsed.relations.length).toBeGreaterThanOrEqual(SCALE * 4.5);
    expect(new Set(parsed.entities.map((e) => e.kind))).toEqual(new Set(['State', 'Empire', 'Region', 'Border', 'Pass', 'Treaty', 'Person', 'Event', 'Group', 'Organisation']));
    expect(() => validateDataset(parsed)).not.toThrow();
    expect(landmarks.path.paths).toBeGreaterThanOrEqual(2);
    // Names are unique by construction, so every order by name is total and all servers agree on each page.
    expect(new Set(parsed.entities.map((e) => e.name)).size).toBe(parsed.entities.length);
  });
});

describe('the benchmark at a tiny scale', () => {
  it('measured every question on every server, the heavy one on the peer twice, after all answered alike', () => {
    // runBenchmark throws on the first answer that differs, so reaching here means they all agreed.
    const landmarks = result.landmarks;
    expect(result.rows.map((row) => `${row.question}/${row.server}`)).toEqual(
      QUESTIONS.flatMap((q) => contendersOf(requestsFor(q, q.ask(landmarks))).map((s) => `${q.id}/${s}`)),
    );
    expect(result.rows.filter((row) => row.server === 'peer-tuned').map((row) => row.question)).toEqual(['heavy']);
    expect(result.headline.seed.map((row) => row.server)).toEqual([...SERVER_NAMES]);
    expect(result.rows.filter((row) => row.bad > 0)).toEqual([]);
  });

  it('repeats each measurement five times and times each server at one connection', () => {
    for (const row of result.rows) {
      expect(row.perRepetition, `${row.question}/${row.server}`).toHaveLength(5);
      expect(row.singleConnection.requests, `${row.question}/${row.server}`).toBeGreaterThanOrEqual(5);
    }
  });

  it('drains every server around every run: each server served exactly the requests sent in its runs', () => {
    for (const row of result.rows) {
      expect(row.sent, `${row.question}/${row.server}`).toBeGreaterThan(0);
      expect(row.served, `${row.question}/${row.server}`).toBe(row.sent);
    }
  });

  it("profiles what every server sends for every question, the peer's generated Cypher among it", () => {
    const peerWalk = result.questionPlans.find((plans) => plans.question === 'walk' && plans.contender === 'peer');
    expect(peerWalk?.plans.length).toBeGreaterThan(0);
    expect(peerWalk?.plans.every((plan) => plan.dbHits > 0 && plan.text.includes('MATCH'))).toBe(true);
    const ceilingHeavy = result.questionPlans.find((plans) => plans.question === 'heavy' && plans.contender === 'ceiling');
    expect(ceilingHeavy?.plans).toHaveLength(1);
    expect(result.questionPlans.filter((plans) => plans.contender === 'ours').map((plans) => plans.question)).toEqual(QUESTIONS.map((q) => q.id));
  });

  it('counts round-trips: ours within depth + 1, the ceiling one per request', () => {
    for (const question of QUESTIONS) {
      const ours = result.rows.find((row) => row.question === question.id && row.server === 'ours');
      const ceiling = result.rows.find((row) => row.question === question.id && row.server === 'ceiling');
      expect(ours?.roundTripsPerRequest, question.id).toBeLessThanOrEqual(question.depth + 1);
      expect(ceiling?.roundTripsPerRequest, question.id).toBe(1);
    }
  });

  it('profiles our headline statements and writes the report', async () => {
    // The headline resolves "Ili basin" inside its one statement.
    expect(result.plans.scaled.map((plan) => plan.name)).toEqual(['treaties.page']);
    expect(result.plans.scaled.flatMap((plan) => plan.scans)).toEqual([]);
    // The as-of question reads each label's time index.
    expect(result.plans.asOf.map((plan) => plan.name)).toEqual(['entities.pageAsOfKinds']);
    expect(result.plans.asOf.flatMap((plan) => plan.scans)).toEqual([]);
    const dir = await mkdtemp(path.join(tmpdir(), 'tianshan-bench-report-'));
    try {
      const [json, markdown] = await writeReport(result, 1, dir, 'harness');
      expect(JSON.parse(await readFile(json ?? '', 'utf8'))).toMatchObject({ scale: SCALE });
      const text = await readFile(markdown ?? '', 'utf8');
      expect(text).toContain('| question | server | req/s |');
      expect(text).toContain('peer (tuned: @cypher)');
      expect(text).toContain('## Latency at one connection');
      // A row per question and contender other than ours, with both CPU sums (Neo4j's is n/a here: this run was not
      // given its process id) and the measured ratio.
      expect(text).toContain('## What bounds each ratio: CPU per request');
      const bounds = cpuBoundsTable(result).split('\n').slice(2);
      expect(bounds).toHaveLength(result.rows.filter((row) => row.server !== 'ours').length);
      const sum = String.raw`[\d.]+ \+ (?:[\d.]+|n/a) = (?:[\d.]+|n/a)`;
      for (const line of bounds) expect(line).toMatch(new RegExp(String.raw`^\| \w+ \| [^|]+ \| ${sum} \| ${sum} \| (?:[\d.]+|n/a) \| [\d.]+ \|$`));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('the load generator', () => {
  it('counts only the checked body: a server answering otherwise has no answers and every request bad', async () => {
    const ceiling = await startServer('ceiling', { target: inject('neo4j'), poolSize: 2, timeoutMs: 10_000 });
    try {
      const question = QUESTIONS.find((q) => q.id === 'path');
      if (!question) throw new Error('no path question');
      const request = requestsFor(question, question.ask(result.landmarks)).ceiling;
      if (!request) throw new Error('the ceiling is not asked the path question');
      // The body the ceiling gives is the checked one; the same with a byte more is a wrong answer.
      const { text } = await send(ceiling.origin, request);
      const right = await run(ceiling.origin, request, text, 2, { requests: 8 }, 10_000);
      expect(right).toMatchObject({ sent: 8, bad: 0 });
      expect(right.latencies).toHaveLength(8);
      const wrong = await run(ceiling.origin, request, `${text} `, 2, { requests: 8 }, 10_000);
      expect(wrong).toMatchObject({ sent: 8, bad: 8 });
      expect(wrong.latencies).toEqual([]);
    } finally {
      await ceiling.stop();
    }
  }, 60_000);
});

describe('a variant of ours (--variant)', () => {
  it('runs in a process of its own from the tree given, is asked what ours is asked and answers alike', async () => {
    const options = { target: inject('neo4j'), poolSize: 2, timeoutMs: 10_000 };
    // This checkout as its own variant: the app is imported from the tree the child is given.
    const [ours, variant] = await Promise.all([startServer('ours', options), startServer('ours@same', options, OURS_TREE)]);
    try {
      expect(variant.pid).not.toBe(ours.pid);
      expect(variant.startMs).toBeGreaterThan(0);
      const question = QUESTIONS.find((q) => q.id === 'path');
      if (!question) throw new Error('no path question');
      const requests = requestsFor(question, question.ask(result.landmarks), ['ours@same']);
      const origins = { ours: ours.origin, ceiling: ours.origin, peer: ours.origin, 'ours@same': variant.origin };
      const { bodies, notComparable } = await checkAnswers(question, { ours: requests.ours, 'ours@same': requests['ours@same'] }, origins);
      expect(notComparable).toEqual([]);
      expect(bodies['ours@same']).toBe(bodies.ours);
    } finally {
      await Promise.all([ours.stop(), variant.stop()]);
    }
  }, 120_000);
});

describe('the benchmark with the offline importer (--importer)', () => {
  it('measures the headline at seed scale on the Neo4j given, then everything else on a new one the importer wrote', async () => {
    // Last in this file: it empties the run's Neo4j, which the tests above read.
    await emptyDatabase(driver);
    let givenStopped = false;
    let imported: BenchNeo4j | undefined;
    const withImporter = await runBenchmark({
      target: inject('neo4j'),
      driver,
      scale: SCALE,
      load: { connections: 2, seconds: 0.2, warmupSeconds: 0.1, repetitions: 5, latencySeconds: 0.1 },
      poolSize: 4,
      timeoutMs: 30_000,
      // Ours alone (no variant is needed for that): the flow is under test here, not the comparison.
      variantsOnly: true,
      importer: {
        // The run's Neo4j serves other test files: it is left running, and what was asked is recorded.
        stopGiven: async () => {
          givenStopped = true;
        },
        importSynthetic: async (parsed) => {
          const done = await importOffline(parsed, SCALE, () => {});
          imported = done.neo4j;
          return done;
        },
      },
      log: () => {},
    });
    expect(givenStopped).toBe(true);
    expect(withImporter.ingest.synthetic).toMatchObject({ way: 'offline importer', entities: SCALE + 1 });
    expect(withImporter.headline.seed.map((row) => row.server)).toEqual(['ours']);
    expect(withImporter.rows.map((row) => row.question)).toEqual(QUESTIONS.map((q) => q.id));
    expect(withImporter.rows.filter((row) => row.bad > 0)).toEqual([]);
    // The given Neo4j kept the seed alone; the imported one was stopped at the end of the run.
    const { records } = await driver.executeQuery('MATCH (e:Entity) RETURN count(e) AS entities', {}, { database: inject('neo4j').database });
    expect(Number(records[0]?.get('entities'))).toBe(result.ingest.seed.entities);
    await expect(imported?.driver.verifyConnectivity()).rejects.toThrow();
    // Its JVM is gone, not just the driver closed (signal 0 only asks whether the process exists).
    const pid = imported?.pid;
    expect(pid).toBeGreaterThan(0);
    expect(() => process.kill(pid ?? 0, 0)).toThrow(/ESRCH/);
  }, 600_000);
});
