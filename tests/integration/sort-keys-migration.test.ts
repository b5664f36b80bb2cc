// Migration 009 on data stored before it: entities get the keys their pages by year seek (startOrder, endOrder)
// by the codec's rule, undated ones at UNDATED_YEAR; hashes stay as they were, so the next load of an unchanged
// dataset finds nothing to update, and the pages by year list every entity.
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { backfillSortKeys } from '../../cypher/sort-keys-backfill.ts';
import { SORT_KEYS, UNDATED_YEAR, type Props } from '../../model/codec.ts';
import { loadDataset } from '../../services/ingest/load.ts';
import { dataOf, testApp } from '../support/app.ts';
import { SEED_DIR, loadSeed, testDriver, testExecutor } from '../support/database.ts';

let driver: Driver;

beforeAll(async () => {
  driver = testDriver();
  await loadSeed(driver);
});
afterAll(async () => {
  // Should an assertion fail half-way, the keys go back (a load would not: the hashes tell it nothing changed).
  await backfillSortKeys(driver, inject('neo4j').database);
  await driver.close();
});

async function storedEntities(): Promise<Map<string, Props>> {
  const { records } = await driver.executeQuery('MATCH (e:Entity) RETURN e.id AS id, properties(e) AS props', {}, { database: inject('neo4j').database });
  return new Map(records.map((record) => [String(record.get('id')), record.get('props') as Props]));
}

async function entityCountByStart(): Promise<number> {
  const { graphql } = testApp(driver);
  const ids: string[] = [];
  let after: string | null = null;
  for (let guard = 0; guard < 100; guard += 1) {
    const { entities }: { entities: { pageInfo: { hasNextPage: boolean; endCursor: string }; nodes: { id: string }[] } } = dataOf(
      await graphql('query ($after: String) { entities(orderBy: {field: START}, first: 100, after: $after) { pageInfo { hasNextPage endCursor } nodes { id } } }', { after }),
    );
    ids.push(...entities.nodes.map((node) => node.id));
    if (!entities.pageInfo.hasNextPage) break;
    after = entities.pageInfo.endCursor;
  }
  return new Set(ids).size;
}

describe('migration 009 on entities stored before it', () => {
  it('gives every entity the sort keys the loader gives it now, leaving hashes alone', async () => {
    const loaded = await storedEntities();
    const undated = [...loaded.values()].find((props) => props['startYear'] == null);
    const dated = [...loaded.values()].find((props) => props['startYear'] != null && props['endYear'] != null);
    expect(undated && [undated['startOrder'], undated['endOrder']]).toEqual([UNDATED_YEAR, UNDATED_YEAR]);
    expect(dated && [dated['startOrder'], dated['endOrder']]).toEqual(dated && [dated['startYear'], dated['endYear']]);

    await driver.executeQuery(`MATCH (e:Entity) REMOVE ${SORT_KEYS.map((key) => `e.${key}`).join(', ')}`, {}, { database: inject('neo4j').database });
    // Without its keys an entity is in no index a page by year reads: the page misses it.
    expect(await entityCountByStart()).toBe(0);

    await backfillSortKeys(driver, inject('neo4j').database);

    expect(Object.fromEntries(await storedEntities())).toEqual(Object.fromEntries(loaded));
    expect(await entityCountByStart()).toBe(loaded.size);
    const report = await loadDataset(testExecutor(driver), SEED_DIR);
    expect(report.entities.updated).toBe(0);
  });
});
