import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startBenchNeo4j, type BenchNeo4j } from '../../bench/neo4j.ts';
import { generateSynthetic } from '../../bench/synthetic.ts';
import { claimsOf, loadParsedDataset } from '../../services/ingest/load.ts';
import { finishOfflineImport, writeImportFiles } from '../../services/ingest/offline-import.ts';
import { runImportTool } from '../../server/neo4j/embedded/import-tool.ts';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CypherExecutor } from '../../cypher/executor.ts';
import { dataOf, testApp } from '../support/app.ts';
import { emptyDatabase, fullSnapshot, testDriver, testExecutor } from '../support/database.ts';

/**
 * A first load through Neo4j's offline importer (services/ingest/offline-import.ts) into a Neo4j of its own stores
 * the same graph as the loader's transactional load into the test run's Neo4j, and the API answers alike.
 */
const { parsed, landmarks } = generateSynthetic({ entities: 200 });

const QUESTIONS: readonly { query: string; variables?: Record<string, unknown> }[] = [
  { query: '{ stats { entityCount relationCount } entities(first: 30) { totalCount edges { node { id name kind } } } }' },
  { query: 'query ($q: String!) { search(query: $q, first: 10) { edges { score node { id name kind } } } }', variables: { q: landmarks.search } },
  { query: 'query ($id: ID!) { timeline(involving: $id, first: 20) { totalCount edges { year entity { id } relation { relationId } } } }', variables: { id: landmarks.timeline } },
  { query: 'query ($party: ID!) { treaties(between: [$party], first: 20) { totalCount edges { node { id name } } } }', variables: { party: landmarks.party } },
];

let loaded: Driver;
let imported: BenchNeo4j;
let filesDir: string;
let dataDir: string;

beforeAll(async () => {
  loaded = testDriver();
  await emptyDatabase(loaded);
  await loadParsedDataset(testExecutor(loaded), parsed);

  const claims = claimsOf(parsed);
  filesDir = await mkdtemp(path.join(tmpdir(), 'tianshan-import-test-'));
  const files = await writeImportFiles(claims, filesDir);
  imported = await startBenchNeo4j(200, false, () => {}, (home) => {
    dataDir = home;
    return runImportTool(home, files, { log: () => {} });
  });
  await finishOfflineImport(new CypherExecutor(imported.driver, { database: imported.target.database, timeoutMs: 120_000 }), claims, files);
}, 600_000);

afterAll(async () => {
  await imported?.stop();
  await rm(filesDir, { recursive: true, force: true });
  await emptyDatabase(loaded);
  await loaded.close();
});

describe('a first load by the offline importer', () => {
  it('stores what the transactional load stores, property for property', async () => {
    expect(imported.target.database).toBe(inject('neo4j').database);
    const [byLoader, byImporter] = [await fullSnapshot(loaded), await fullSnapshot(imported.driver)];
    expect(byImporter.length).toBeGreaterThan(parsed.entities.length + parsed.relations.length);
    expect(byImporter).toEqual(byLoader);
  });

  it('answers the API as the loaded database does', { timeout: 300_000 }, async () => {
    // First questions plan every statement: on two busy shared cores that can outlast the default 10 s.
    const [fromLoader, fromImporter] = [testApp(loaded, { timeoutMs: 60_000 }).graphql, testApp(imported.driver, { timeoutMs: 60_000 }).graphql];
    for (const { query, variables } of QUESTIONS) {
      const expected = dataOf(await fromLoader(query, variables));
      expect(JSON.stringify(expected)).not.toMatch(/"totalCount":0\b/);
      expect(dataOf(await fromImporter(query, variables)), query).toEqual(expected);
    }
  });

  it('refuses to import into a database that holds a store', async () => {
    await expect(runImportTool(dataDir, { nodes: 'n.csv', relationships: 'r.csv', arrayDelimiter: ';' }, { log: () => {} })).rejects.toThrow(/already holds a database/);
  });
});
