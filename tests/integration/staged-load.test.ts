import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { generateSynthetic } from '../../bench/synthetic.ts';
import { MAX_LISTED_IDS } from '../../services/changes/record.ts';
import { LoadRefused } from '../../model/errors.ts';
import { claimsOf, loadParsedDataset, unloadDatasets } from '../../services/ingest/load.ts';
import { publish, stage } from '../../services/ingest/staged-load.ts';
import { dataOf, testApp } from '../support/app.ts';
import { emptyDatabase, fullSnapshot, testDriver, testExecutor } from '../support/database.ts';

/**
 * A first load above `stageAboveRows` is staged in committed batches and published in one transaction
 * (services/ingest/staged-load.ts). Forced here with a tiny threshold on a small generated dataset.
 */
const { parsed } = generateSynthetic({ entities: 200 });
const ROWS = parsed.entities.length + parsed.dataset.documents.length + parsed.relations.length;

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

async function stagedNodes(): Promise<number> {
  const { records } = await driver.executeQuery('MATCH (s:Staged) RETURN count(s) AS staged', {}, { database: inject('neo4j').database });
  return Number(records[0]?.get('staged') ?? 0);
}

const READERS = `{
  stats { entityCount relationCount }
  entities(first: 5) { totalCount }
  timeline(first: 5) { totalCount }
}`;

describe('a staged first load', () => {
  it('writes the same graph as a load in one transaction', async () => {
    const executor = testExecutor(driver);
    const whole = await loadParsedDataset(executor, parsed, { stageAboveRows: Number.POSITIVE_INFINITY });
    expect(whole.staged).toBeUndefined();
    const inOne = await fullSnapshot(driver);

    await emptyDatabase(driver);
    const staged = await loadParsedDataset(executor, parsed, { stageAboveRows: ROWS - 1, batchSize: 100 });
    expect(staged).toMatchObject({ staged: true, entities: { created: whole.entities.created }, relations: { created: whole.relations.created } });
    expect(await fullSnapshot(driver)).toEqual(inOne);
    expect(await stagedNodes()).toBe(0);
  });

  it('shows readers nothing while it is unfinished, and a rerun of the same load finishes it', async () => {
    const executor = testExecutor(driver);
    const { graphql } = testApp(driver);
    const empty = dataOf(await graphql(READERS));

    // Stopped part-way: the load's progress callback throws once some relations were staged and committed.
    const options = { stageAboveRows: ROWS - 1, batchSize: 100 };
    const stopped = loadParsedDataset(executor, parsed, {
      ...options,
      onProgress: (done) => {
        if (done > parsed.entities.length + 300) throw new Error('stopped');
      },
    });
    await expect(stopped).rejects.toThrow('stopped');
    expect(await stagedNodes()).toBeGreaterThan(0);
    expect(dataOf(await graphql(READERS))).toEqual(empty);

    const finished = await loadParsedDataset(executor, parsed, options);
    expect(finished.staged).toBe(true);
    expect(await stagedNodes()).toBe(0);
    const after = dataOf<{ stats: { entityCount: number; relationCount: number } }>(await graphql(READERS));
    expect(after.stats).toEqual({ entityCount: finished.entities.created, relationCount: parsed.relations.length });
  });

  it('serves first loads only: loading it again goes through one transaction and changes nothing', async () => {
    const executor = testExecutor(driver);
    const options = { stageAboveRows: ROWS - 1, batchSize: 100 };
    await loadParsedDataset(executor, parsed, options);
    const before = await fullSnapshot(driver);
    const again = await loadParsedDataset(executor, parsed, options);
    expect(again.staged).toBeUndefined();
    expect(again.entities).toMatchObject({ created: 0, updated: 0, removed: 0 });
    expect(again.relations).toMatchObject({ created: 0, updated: 0, removed: 0 });
    expect(await fullSnapshot(driver)).toEqual(before);
  });

  it('records one change for a load, naming only its datasets when it touched more items than a change lists', async () => {
    const executor = testExecutor(driver);
    const { graphql } = testApp(driver);
    const LAST = '{ changes(last: 1) { nodes { kind ids datasets } } }';
    const id = parsed.dataset.id;
    expect(parsed.entities.length + parsed.relations.length).toBeGreaterThan(MAX_LISTED_IDS);

    await loadParsedDataset(executor, parsed, { stageAboveRows: Number.POSITIVE_INFINITY });
    expect(dataOf(await graphql(LAST))).toEqual({ changes: { nodes: [{ kind: 'LOAD_DATASETS', ids: [], datasets: [id] }] } });

    await emptyDatabase(driver);
    await loadParsedDataset(executor, parsed, { stageAboveRows: ROWS - 1, batchSize: 100 });
    expect(dataOf(await graphql(LAST))).toEqual({ changes: { nodes: [{ kind: 'LOAD_DATASETS', ids: [], datasets: [id] }] } });
  });

  describe('when another writer takes some of its ids while it is staged', () => {
    // Another dataset, loaded the ordinary way, that defines the synthetic document and two of its entities.
    const other = { ...parsed, dataset: { ...parsed.dataset, id: 'clashing-writer' }, entities: parsed.entities.slice(0, 2), relations: [] };
    const taken = [parsed.dataset.documents[0]?.id, ...other.entities.map((entity) => entity.id)].sort();
    const batching = { batchSize: 100, progress: () => {} };

    /** Staged in full, then the other dataset loaded, then the publish: refused, naming every taken id. */
    async function stageThenClash(): Promise<void> {
      const executor = testExecutor(driver);
      const claims = claimsOf(parsed);
      await stage(executor, claims, batching);
      await loadParsedDataset(executor, other);
      const refused = await publish(executor, claims).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(LoadRefused);
      for (const id of taken) expect((refused as LoadRefused).message).toContain(`"${id}"`);
      expect((refused as LoadRefused).message).toContain('Nothing of the dataset was published');
    }

    it('publishes nothing and says which ids were taken; the rerun merges with them in one transaction and leaves no staged node', async () => {
      const executor = testExecutor(driver);
      const { graphql } = testApp(driver);
      await stageThenClash();
      // Readers see the other dataset alone.
      const seen = dataOf<{ stats: { entityCount: number; relationCount: number } }>(await graphql(READERS));
      expect(seen.stats).toEqual({ entityCount: taken.length, relationCount: 0 });
      expect(await stagedNodes()).toBeGreaterThan(0);

      const rerun = await loadParsedDataset(executor, parsed, { stageAboveRows: ROWS - 1, batchSize: 100 });
      expect(rerun.staged).toBeUndefined();
      expect(await stagedNodes()).toBe(0);
      const after = dataOf<{ stats: { entityCount: number; relationCount: number } }>(await graphql(READERS));
      expect(after.stats).toEqual({ entityCount: ROWS - parsed.relations.length, relationCount: parsed.relations.length });
      // The taken ids now carry both datasets' claims.
      const { records } = await driver.executeQuery('MATCH (e:Entity) WHERE e.id IN $ids RETURN e.id AS id, e.datasets AS datasets ORDER BY id', { ids: taken }, { database: inject('neo4j').database });
      expect(records.map((record) => [record.get('id'), [...(record.get('datasets') as string[])].sort()])).toEqual(taken.map((id) => [id, ['clashing-writer', parsed.dataset.id]]));
    });

    it('publishes what is staged once the clashing entities are gone', async () => {
      const executor = testExecutor(driver);
      await stageThenClash();
      await unloadDatasets(executor, ['clashing-writer']);
      const rerun = await loadParsedDataset(executor, parsed, { stageAboveRows: ROWS - 1, batchSize: 100 });
      expect(rerun.staged).toBe(true);
      expect(await stagedNodes()).toBe(0);
      const whole = await fullSnapshot(driver);
      await emptyDatabase(driver);
      await loadParsedDataset(executor, parsed, { stageAboveRows: Number.POSITIVE_INFINITY });
      expect(whole).toEqual(await fullSnapshot(driver));
    });
  });
});
