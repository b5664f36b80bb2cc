import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FixtureError } from '../../model/errors.ts';
import { loadDataset } from '../../services/ingest/load.ts';
import { INVENTED_DIR, SEED_DIR, emptyDatabase, snapshot, testDriver, testExecutor } from '../support/database.ts';

let driver: Driver;
beforeAll(() => {
  driver = testDriver();
});
afterAll(async () => {
  await emptyDatabase(driver);
  await driver.close();
});
beforeEach(async () => {
  await emptyDatabase(driver);
});

const load = (dir: string, batchSize?: number) => loadDataset(testExecutor(driver), dir, batchSize ? { batchSize } : {});

async function copyOf(dir: string): Promise<string> {
  const copy = await mkdtemp(path.join(tmpdir(), 'tianshan-dataset-'));
  await cp(dir, copy, { recursive: true });
  return copy;
}

describe('loading a dataset', () => {
  it('creates every entity and relation, then leaves them alone when loaded again', async () => {
    const first = await load(INVENTED_DIR);
    expect(first.entities.created).toBeGreaterThan(10);
    expect(first.relations.created).toBeGreaterThan(10);
    expect(first.entities.updated + first.entities.unchanged + first.entities.removed).toBe(0);
    const before = await snapshot(driver);
    expect(before.nodes).toBe(first.entities.created);
    expect(before.relations).toBe(first.relations.created);

    const second = await load(INVENTED_DIR);
    expect(second.entities).toEqual({ created: 0, updated: 0, unchanged: first.entities.created, removed: 0 });
    expect(second.relations).toEqual({ created: 0, updated: 0, unchanged: first.relations.created, removed: 0 });
    expect(await snapshot(driver)).toEqual(before);
  });

  it('updates a changed fixture in place and removes what the files no longer hold', async () => {
    const dir = await copyOf(INVENTED_DIR);
    const first = await load(dir);
    const entities = path.join(dir, 'entities.yaml');
    const text = await readFile(entities, 'utf8');
    await writeFile(entities, text.replace('A fictional state on one side of the border.', 'A fictional state, north of the border.'));
    const relations = path.join(dir, 'relations.yaml');
    const relationText = await readFile(relations, 'utf8');
    // Drop the last relation of the file.
    await writeFile(relations, relationText.slice(0, relationText.lastIndexOf('\n- type:')));

    const second = await load(dir);
    expect(second.entities).toMatchObject({ created: 0, updated: 1, removed: 0 });
    expect(second.relations).toMatchObject({ created: 0, updated: 0, removed: 1, unchanged: first.relations.created - 1 });
    const { records } = await driver.executeQuery('MATCH (e:Entity {id: "veloria"}) RETURN e.description AS d, labels(e) AS labels');
    expect(records[0]?.get('d')).toBe('A fictional state, north of the border.');
    expect(records[0]?.get('labels')).toEqual(expect.arrayContaining(['Entity', 'State']));
  });

  it('a second dataset naming the same entities and relations joins them rather than doubling them or taking them over', async () => {
    const first = await load(INVENTED_DIR);
    const dir = await copyOf(INVENTED_DIR);
    const datasetFile = path.join(dir, 'dataset.yaml');
    await writeFile(datasetFile, (await readFile(datasetFile, 'utf8')).replace('id: invented-border', 'id: invented-border-again'));

    // Every end exists already, so each relation may exist too: written with MERGE, never CREATE.
    const second = await load(dir);
    expect(second.relations).toEqual({ created: first.relations.created, updated: 0, unchanged: 0, removed: 0 });
    const after = await snapshot(driver);
    expect(after.nodes).toBe(first.entities.created);
    expect(after.relations).toBe(first.relations.created);
    const { records } = await driver.executeQuery('MATCH (e:Entity {id: "veloria"}) RETURN e.datasets AS datasets');
    expect(records[0]?.get('datasets')).toEqual(['invented-border', 'invented-border-again']);
  });

  it('loads the seed in batches as small as one row with the same result', async () => {
    const report = await load(SEED_DIR, 1);
    const whole = await snapshot(driver);
    await emptyDatabase(driver);
    await load(SEED_DIR);
    expect(await snapshot(driver)).toEqual(whole);
    expect(whole.nodes).toBe(report.entities.created);
  });
});

describe('a bad dataset writes nothing', () => {
  const cases: [string, RegExp][] = [
    ['unknown-id', /relations\.yaml: relation SIGNED veloria -> treaty-of-verdun \(#\d+\): field to: unknown id "treaty-of-verdun"/],
    ['duplicate-id', /entities\.yaml: entity "kestrel-pass": id: duplicate id/],
    ['bad-kind-pair', /relations\.yaml: relation SIGNED kestrel-pass -> treaty-of-halden \(#\d+\): field type: SIGNED may not join a Pass to a Treaty/],
    ['quote-not-found', /entities\.yaml: entity "ilsa-brandt": field sources\.0\.quote: not found verbatim in document/],
    ['bad-field', /entities\.yaml: entity "ilsa-brandt" \(#\d+\), field name: /],
  ];

  it.each(cases)('%s: names the file, the item and the field; the database is unchanged', async (name, message) => {
    await load(SEED_DIR);
    const before = await snapshot(driver);
    const failure = load(`tests/fixtures/broken/${name}`);
    await expect(failure).rejects.toBeInstanceOf(FixtureError);
    await expect(failure).rejects.toThrow(message);
    expect(await snapshot(driver)).toEqual(before);
  });

  it('rolls back every earlier write when Neo4j refuses the last relation', async () => {
    await load(SEED_DIR);
    const before = await snapshot(driver);
    const dir = await copyOf(INVENTED_DIR);
    // A constraint only this test has: the invented dataset's CROSSES relation breaks it at write time,
    // after all its entities and other relations were written in the same transaction.
    await driver.executeQuery('CREATE CONSTRAINT test_crosses_id IF NOT EXISTS FOR ()-[r:CROSSES]-() REQUIRE r.id IS UNIQUE');
    try {
      await driver.executeQuery('CREATE (:Blocker)-[:CROSSES {id: "kestrel-pass--crosses--veloria-castran-border"}]->(:Blocker)');
      await expect(load(dir, 2)).rejects.toThrow();
      await driver.executeQuery('MATCH (b:Blocker) DETACH DELETE b');
      expect(await snapshot(driver)).toEqual(before);
    } finally {
      await driver.executeQuery('MATCH (b:Blocker) DETACH DELETE b');
      await driver.executeQuery('DROP CONSTRAINT test_crosses_id IF EXISTS');
    }
  });
});
