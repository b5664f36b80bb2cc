// `npm run export` writes every dataset, curated facts included, back to the fixture format, and loading the
// export into an empty database gives the same graph: the backup and restore of issue 12.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { attachSource } from '../../services/curation/attach-source.ts';
import { createEntity, updateEntity } from '../../services/curation/entities.ts';
import { entityDraft, patchEntity, patchRelation, relationDraft, type CreateEntityInput, type CreateRelationInput } from '../../services/curation/inputs.ts';
import { atInput } from '../../services/curation/problems.ts';
import { createRelation, deleteRelation, updateRelation } from '../../services/curation/relations.ts';
import { exportDatasets } from '../../services/export/export-datasets.ts';
import { loadDataset, loadDatasets } from '../../services/ingest/load.ts';
import { datasetFolders } from '../../services/ingest/read-dataset.ts';
import { FRONTIER_DIR, SEED_DIR, emptyDatabase, fullSnapshot, snapshot, testDriver, testExecutor } from '../support/database.ts';

const ARTICLE = 'wikipedia-china-kyrgyzstan-border';
const ALICE = { editor: 'alice' };

let driver: Driver;
beforeAll(() => {
  driver = testDriver();
});
beforeEach(async () => {
  await emptyDatabase(driver);
});
afterAll(async () => {
  await emptyDatabase(driver);
  await driver.close();
});

const executor = () => testExecutor(driver);
const newFolder = () => mkdtemp(path.join(tmpdir(), 'tianshan-export-'));

/** The seed, the overlapping frontier dataset, and one curated edit of every kind, some on items both datasets define. */
async function loadDatasetsAndCurate(): Promise<void> {
  await loadDataset(executor(), SEED_DIR);
  await loadDataset(executor(), FRONTIER_DIR);
  const entity = { id: 'curated-ridges', kind: 'Region', name: 'Border ridges', description: 'The ridges the border follows.', time: { start: '1996', precision: 'year' } };
  await createEntity(executor(), entityDraft({ ...entity, sources: [{ quote: 'across various mountain ridges and peaks of the Tian Shan range', sourceId: ARTICLE }] } as CreateEntityInput), ALICE);
  await createRelation(
    executor(),
    relationDraft({ type: 'WITHIN', from: 'curated-ridges', to: 'kyrgyzstan', sources: [{ quote: 'Issyk-Kul Region, Naryn Region and Osh Region in Kyrgyzstan', sourceId: ARTICLE }] } as CreateRelationInput),
    ALICE,
  );
  // On an entity both datasets define; the curated quote cites the frontier dataset's document.
  const dungan = { id: 'dungan-revolt', path: ['input', 'id'] };
  await updateEntity(executor(), dungan, (current) => ({ draft: patchEntity(current, { description: 'Curated: the Hui uprising of 1862.', category: null }), locate: atInput }), ALICE);
  await attachSource(executor(), { entityId: 'dungan-revolt', source: { quote: 'broke out in Shaanxi in 1862', sourceId: 'frontier-chronology' } }, 'alice');
  const signed = { id: 'qing-empire--signed--treaty-of-saint-petersburg-1881', path: ['input', 'relationId'] };
  await updateRelation(executor(), signed, (current) => ({ draft: patchRelation(current, { role: 'party' }), locate: atInput }), ALICE);
  await deleteRelation(executor(), { id: 'china-kyrgyzstan-border--separates--china', path: ['input', 'relationId'] }, ALICE);
}

describe('export and restore', () => {
  it('writes each dataset, curation too, to a folder that loads back into an empty database as the same graph', async () => {
    await loadDatasetsAndCurate();
    const original = await fullSnapshot(driver);
    const dir = await newFolder();

    const reports = await exportDatasets(executor(), dir);
    expect(reports.map(({ dataset, documents, entities, relations }) => [dataset, documents, entities, relations])).toEqual([
      ['china-kyrgyzstan-border', 2, 80, 164],
      ['curation', 0, 2, 2],
      ['russia-qing-frontier', 1, 15, 18],
    ]);
    expect(await readdir(path.join(dir, 'curation'))).toEqual(['changes.yaml', 'dataset.yaml', 'entities.yaml', 'relations.yaml']);
    expect(await readFile(path.join(dir, 'china-kyrgyzstan-border', 'sources', `${ARTICLE}.txt`), 'utf8')).toBe(
      await readFile(path.join(SEED_DIR, 'sources', 'china-kyrgyzstan-border.txt'), 'utf8'),
    );

    await emptyDatabase(driver);
    const restored = await loadDatasets(executor(), await datasetFolders(dir));
    expect(restored.map((report) => report.dataset)).toEqual(['china-kyrgyzstan-border', 'curation', 'russia-qing-frontier']);
    expect(await fullSnapshot(driver)).toEqual(original);
  });

  it('exports one dataset with --dataset; an export of a fixture loads as the fixture does, and changes nothing when loaded over it', async () => {
    await loadDataset(executor(), SEED_DIR);
    const fromFixture = await fullSnapshot(driver);
    const dir = await newFolder();
    expect((await exportDatasets(executor(), dir, 'china-kyrgyzstan-border')).map((report) => report.dataset)).toEqual(['china-kyrgyzstan-border']);
    const exported = path.join(dir, 'china-kyrgyzstan-border');
    expect((await loadDataset(executor(), exported)).entities).toEqual({ created: 0, updated: 0, unchanged: 82, removed: 0 });
    await emptyDatabase(driver);
    await loadDataset(executor(), exported);
    expect(await fullSnapshot(driver)).toEqual(fromFixture);
  });

  it('refuses an unknown dataset, and a folder that is not empty', async () => {
    await loadDataset(executor(), SEED_DIR);
    await expect(exportDatasets(executor(), await newFolder(), 'nope')).rejects.toThrow(/No dataset "nope" is loaded; these are: china-kyrgyzstan-border/);
    const dir = await newFolder();
    await writeFile(path.join(dir, 'keep.txt'), 'mine');
    await expect(exportDatasets(executor(), path.dirname(dir), path.basename(dir))).rejects.toThrow(/No dataset/);
    await exportDatasets(executor(), dir);
    await expect(exportDatasets(executor(), dir)).rejects.toThrow(/is not empty: export into a new folder/);
  });
});

describe('the commands, as a person runs them', () => {
  const env = () => {
    const target = inject('neo4j');
    return {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NEO4J_URI: target.uri,
      NEO4J_DATABASE: target.database,
      ...(target.user ? { NEO4J_USER: target.user } : {}),
      ...(target.password ? { NEO4J_PASSWORD: target.password } : {}),
    };
  };
  const run = async (script: string, args: string[]) => {
    try {
      const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script, ...args], { env: env() });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  };

  it('npm run export -- <dir> [--dataset name], npm run unload -- <dataset> and npm run load -- <dir> back up, remove and restore', { timeout: 120_000 }, async () => {
    await loadDataset(executor(), SEED_DIR);
    await loadDataset(executor(), FRONTIER_DIR);
    const original = await fullSnapshot(driver);
    const dir = await newFolder();

    const exported = await run('server/export-cli.ts', [dir]);
    expect(exported.stdout).toMatch(/^dataset china-kyrgyzstan-border: 2 documents, 80 entities, 165 relations -> /m);
    expect(exported.stdout).toMatch(/^dataset russia-qing-frontier: 1 documents, 15 entities, 18 relations -> /m);
    const one = await run('server/export-cli.ts', [await newFolder(), '--dataset', 'russia-qing-frontier']);
    expect(one.stdout.trim().split('\n')).toEqual([expect.stringMatching(/^dataset russia-qing-frontier: /)]);

    const refused = await run('server/unload-cli.ts', ['china-kyrgyzstan-border']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/tianshan unload: refused; nothing was written:\n {2}- entity "russia-qing-border" would go/);
    const unknown = await run('server/unload-cli.ts', ['nope']);
    expect(unknown.stderr).toMatch(/tianshan unload: no dataset "nope" is loaded; loaded: china-kyrgyzstan-border, russia-qing-frontier/);

    const removed = await run('server/unload-cli.ts', ['russia-qing-frontier', 'china-kyrgyzstan-border']);
    expect(removed.stdout).toMatch(/^dataset russia-qing-frontier: entities: 0 created, 0 updated, 0 unchanged, 16 removed/m);
    expect(await snapshot(driver)).toEqual({ nodes: 0, relations: 0, hashes: [] });

    const restored = await run('server/load-cli.ts', [dir]);
    expect(restored.stdout).toMatch(/^dataset china-kyrgyzstan-border: entities: 82 created/m);
    expect(await fullSnapshot(driver)).toEqual(original);
  });
});
