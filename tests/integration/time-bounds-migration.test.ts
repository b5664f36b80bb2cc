// Migration 005 on data stored before it: entities and relations get their time bounds from the codec's rules, and
// hashes that match, so the next load of an unchanged dataset finds nothing to update.
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { backfillTimeBounds } from '../../cypher/time-bounds-backfill.ts';
import { contentHash, type Props } from '../../model/codec.ts';
import { loadDataset } from '../../services/ingest/load.ts';
import { SEED_DIR, loadSeed, testDriver, testExecutor } from '../support/database.ts';

const BOUNDS = ['startEarliest', 'startLatest', 'endEarliest', 'endLatest'];

let driver: Driver;

beforeAll(async () => {
  driver = testDriver();
  await loadSeed(driver);
});
afterAll(async () => {
  // Should an assertion fail half-way, the loader puts the seed back (its hashes differ from what is stored).
  await loadSeed(driver);
  await driver.close();
});

async function stored(): Promise<Map<string, Props>> {
  const { records } = await driver.executeQuery(
    `MATCH (e:Entity) RETURN e.id AS id, properties(e) AS props
     UNION ALL
     MATCH (:Entity)-[r]->(:Entity) RETURN r.id AS id, properties(r) AS props`,
    {},
    { database: inject('neo4j').database },
  );
  return new Map(records.map((record) => [String(record.get('id')), record.get('props') as Props]));
}

/** Every entity and relation as a loader before migration 005 stored it: no bounds, a hash over the rest. */
async function asBeforeTheMigration(): Promise<void> {
  const rows = [...(await stored())].map(([id, props]) => {
    const kept = Object.fromEntries(Object.entries(props).filter(([key]) => !BOUNDS.includes(key)));
    return { id, hash: contentHash(kept) };
  });
  const database = inject('neo4j').database;
  await driver.executeQuery(`UNWIND $rows AS row MATCH (e:Entity {id: row.id}) REMOVE e.startEarliest, e.startLatest, e.endEarliest, e.endLatest SET e.hash = row.hash`, { rows }, { database });
  await driver.executeQuery(
    `UNWIND $rows AS row MATCH ()-[r {id: row.id}]->() REMOVE r.startEarliest, r.startLatest, r.endEarliest, r.endLatest SET r.hash = row.hash`,
    { rows },
    { database },
  );
}

describe('migration 005 on data stored before it', () => {
  it('gives every entity and relation the bounds and hash the loader gives them now', async () => {
    const loaded = await stored();
    expect([...loaded.values()].every((props) => BOUNDS.every((key) => typeof props[key] === 'number'))).toBe(true);
    await asBeforeTheMigration();
    expect([...(await stored()).values()].some((props) => 'startEarliest' in props)).toBe(false);

    await backfillTimeBounds(driver, inject('neo4j').database);

    expect(Object.fromEntries(await stored())).toEqual(Object.fromEntries(loaded));
    const report = await loadDataset(testExecutor(driver), SEED_DIR);
    expect([report.entities.updated, report.relations.updated]).toEqual([0, 0]);
  });
});
