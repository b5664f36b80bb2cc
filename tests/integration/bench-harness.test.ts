import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runBenchmark, type BenchmarkResult } from '../../bench/benchmark.ts';
import { QUESTIONS } from '../../bench/questions/index.ts';
import { SERVER_NAMES } from '../../bench/questions/types.ts';
import { writeReport } from '../../bench/report.ts';
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
    load: { connections: 2, seconds: 0.3, warmupSeconds: 0, rounds: 2 },
    poolSize: 4,
    timeoutMs: 10_000,
    log: () => {},
  });
}, 180_000);

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
  it('measured every question on every server, after all three answered alike', () => {
    // runBenchmark throws on the first answer that differs, so reaching here means they all agreed.
    expect(result.rows.map((row) => `${row.question}/${row.server}`)).toEqual(QUESTIONS.flatMap((q) => SERVER_NAMES.map((s) => `${q.id}/${s}`)));
    expect(result.headline.seed.map((row) => row.server)).toEqual([...SERVER_NAMES]);
    expect(result.rows.filter((row) => row.bad > 0)).toEqual([]);
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
      expect(await readFile(markdown ?? '', 'utf8')).toContain('| question | server | req/s |');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
