import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientTimeoutMs } from '../../bench/drive.ts';
import { requireEmbeddedForImport } from '../../bench/neo4j.ts';
import { IMPORTER_FROM_ENTITIES, parseCli } from '../../bench/options.ts';
import { QUESTIONS } from '../../bench/questions/index.ts';
import { serverOf } from '../../bench/questions/types.ts';
import { contendersOf, requestsFor, without } from '../../bench/requests.ts';
import { slopePerMinute } from '../../bench/soak.ts';
import { generateSynthetic } from '../../bench/synthetic.ts';
import { parseVariant } from '../../bench/variants.ts';

/** Variants of ours in the benchmark (`--variant`), how it loads the synthetic dataset, the soak's arithmetic and the client's timeout, apart from any run. */

let trees: string;

beforeAll(async () => {
  trees = await mkdtemp(path.join(tmpdir(), 'tianshan-variants-'));
  await mkdir(path.join(trees, 'checkout', 'server'), { recursive: true });
  await mkdir(path.join(trees, 'checkout', 'node_modules'));
  await writeFile(path.join(trees, 'checkout', 'server', 'yoga.ts'), '');
  await mkdir(path.join(trees, 'build', 'server'), { recursive: true });
  await writeFile(path.join(trees, 'build', 'server', 'yoga.js'), '');
  await mkdir(path.join(trees, 'bare', 'server'), { recursive: true });
  await writeFile(path.join(trees, 'bare', 'server', 'yoga.ts'), '');
});

afterAll(async () => {
  await rm(trees, { recursive: true, force: true });
});

describe('--variant label=dir', () => {
  it('tells a checkout (run through tsx) from a build (run on plain Node) and names the server ours@label', () => {
    expect(parseVariant(`pre13=${path.join(trees, 'checkout')}`)).toEqual({ name: 'ours@pre13', label: 'pre13', dir: path.join(trees, 'checkout'), extension: 'ts' });
    expect(parseVariant(`compiled=${path.join(trees, 'build')}`)).toMatchObject({ name: 'ours@compiled', extension: 'js' });
  });

  it('refuses a folder that holds no app, a checkout without node_modules, a bad label and a label given twice', () => {
    expect(() => parseVariant(`x=${trees}`)).toThrow(/neither server\/yoga.ts .* nor server\/yoga.js/);
    expect(() => parseVariant(`x=${path.join(trees, 'bare')}`)).toThrow(/run npm ci there/);
    expect(() => parseVariant(path.join(trees, 'build'))).toThrow(/label=dir/);
    expect(() => parseVariant(`a b=${path.join(trees, 'build')}`)).toThrow(/label=dir/);
    expect(() => parseCli(['--variant', `a=${path.join(trees, 'build')}`, '--variant', `a=${path.join(trees, 'checkout')}`])).toThrow(/label a is given twice/);
  });

  it('asks a variant exactly what ours is asked, in its own process, and can leave it out of a question', () => {
    const question = QUESTIONS[0];
    if (!question) throw new Error('no question');
    const requests = requestsFor(question, question.ask(generateSynthetic({ entities: 50 }).landmarks), ['ours@a', 'ours@b']);
    expect(contendersOf(requests)).toEqual(['ours', 'ceiling', 'peer', ...(requests['peer-tuned'] ? ['peer-tuned'] : []), 'ours@a', 'ours@b']);
    expect(requests['ours@a']).toEqual(requests.ours);
    expect(serverOf('ours@a')).toBe('ours@a');
    expect(serverOf('peer-tuned')).toBe('peer');
    expect(contendersOf(without(requests, ['ours@a']))).not.toContain('ours@a');
  });
});

describe('how the benchmark loads the synthetic dataset', () => {
  it('by the offline importer when asked, and by itself for a full run from IMPORTER_FROM_ENTITIES unless one transaction is asked', () => {
    expect(parseCli([]).importer).toBe(false);
    expect(parseCli(['--importer']).importer).toBe(true);
    expect(parseCli(['--importer', '--ingest-only']).importer).toBe(true);
    expect(parseCli(['--scale', String(IMPORTER_FROM_ENTITIES - 1)]).importer).toBe(false);
    expect(parseCli(['--scale', String(IMPORTER_FROM_ENTITIES)]).importer).toBe(true);
    // Measuring the transactional loader stays the transactional loader at any scale.
    expect(parseCli(['--scale', String(IMPORTER_FROM_ENTITIES), '--one-transaction']).importer).toBe(false);
    expect(parseCli(['--scale', String(IMPORTER_FROM_ENTITIES), '--ingest-only']).importer).toBe(false);
    expect(parseCli(['--scale', String(IMPORTER_FROM_ENTITIES), '--soak', '10']).importer).toBe(false);
  });

  it('refuses the importer with one transaction or a soak, and for a Neo4j of your own, whose store it cannot write', () => {
    expect(() => parseCli(['--importer', '--one-transaction'])).toThrow(/--importer goes with neither/);
    expect(() => parseCli(['--importer', '--soak', '10'])).toThrow(/--importer goes with neither/);
    expect(() => requireEmbeddedForImport({ NEO4J_URI: 'bolt://db.example.org:7687' })).toThrow(/unset NEO4J_URI, or load through transactions/);
    expect(() => requireEmbeddedForImport({ NEO4J_URI: undefined })).not.toThrow();
  });
});

describe('the load generator waits for a slow valid answer', () => {
  it('longer than the statements of the deepest question can run, each within the transaction timeout', () => {
    for (const question of QUESTIONS) expect(clientTimeoutMs(question.depth, 30_000)).toBeGreaterThan((question.depth + 1) * 30_000);
    // With the default 5 s timeout, never shorter than autocannon's own 10 s.
    expect(clientTimeoutMs(0, 5_000)).toBeGreaterThanOrEqual(10_000);
  });
});

describe('the soak', () => {
  it('reports a flat RSS as a zero slope and a growing one in MB per minute', () => {
    const flat = [0, 5, 10, 15].map((seconds) => ({ seconds, rssMb: 200, heapUsedMb: 50 }));
    expect(slopePerMinute(flat)).toBe(0);
    const growing = [0, 30, 60, 90].map((seconds) => ({ seconds, rssMb: 200 + seconds / 10, heapUsedMb: 50 }));
    expect(slopePerMinute(growing)).toBeCloseTo(6);
    expect(slopePerMinute(flat.slice(0, 1))).toBeNaN();
  });
});
