import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSeed, testDriver } from '../support/database.ts';
import { SEED_MENTIONS } from '../seed-mentions.ts';

let driver: Driver;
beforeAll(async () => {
  driver = testDriver();
  await loadSeed(driver);
});
afterAll(() => driver.close());

describe('the seed knowledge in the graph', () => {
  it('has an entity of the right kind for every proper noun and dated event of the article', async () => {
    const { records } = await driver.executeQuery(
      `UNWIND $mentions AS m
       OPTIONAL MATCH (e:Entity {kind: m.kind})
       WHERE toLower(e.name) = toLower(m.mention) OR any(a IN e.aliases WHERE toLower(a) = toLower(m.mention))
       WITH m, collect(e.id) AS ids
       RETURN m.mention AS mention, m.kind AS kind, ids`,
      { mentions: SEED_MENTIONS },
    );
    const missing = records.filter((r) => (r.get('ids') as string[]).length === 0).map((r) => `${r.get('mention')} (${r.get('kind')})`);
    expect(missing).toEqual([]);
    expect(records).toHaveLength(SEED_MENTIONS.length);
  });

  it('gives every entity and every relation at least one source quote', async () => {
    const { records } = await driver.executeQuery(
      `MATCH (e:Entity) WHERE e.kind <> 'Source' AND size(e.sourceQuotes) = 0 RETURN e.id AS id
       UNION
       MATCH ()-[r]->() WHERE size(coalesce(r.sourceQuotes, [])) = 0 RETURN r.id AS id`,
    );
    expect(records.map((r) => r.get('id'))).toEqual([]);
  });

  it('marks facts that do not come from the article as background, with their own source', async () => {
    const { records } = await driver.executeQuery(
      `MATCH (:Entity {id: 'ili-valley'})-[r:WITHIN]->(:Entity {id: 'ili-river-basin'})
       MATCH (s:Source {id: r.sourceIds[0]})
       RETURN s.basis AS basis`,
    );
    expect(records.map((r) => r.get('basis'))).toEqual(['background']);
  });
});
