import { randomBytes } from 'node:crypto';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unloadDatasets } from '../../services/ingest/load.ts';
import { testApp } from '../support/app.ts';
import { loadSeed, testDriver, testExecutor } from '../support/database.ts';

const EDITOR = randomBytes(32).toString('hex');

let driver: Driver;
let graphql: ReturnType<typeof testApp>['graphql'];

beforeAll(async () => {
  driver = testDriver();
  await loadSeed(driver);
  // Generous: a cold Neo4j on a busy machine must not turn the NOT_FOUND asked for into a QUERY_TIMEOUT (also a partial result).
  graphql = testApp(driver, { curationTokens: [{ role: 'editor', name: 'erin', token: EDITOR }], timeoutMs: 60_000 }).graphql;
});
afterAll(async () => {
  await unloadDatasets(testExecutor(driver), ['curation']);
  await loadSeed(driver);
  await driver.close();
});

describe('one failing root field', () => {
  it('leaves the statistics when `treaties` names a place there is none of', async () => {
    const response = await graphql('{ stats { entityCount } treaties(affecting: "nowhere-land") { totalCount } }');
    expect(response.status).toBe(200);
    const data = response.data as { stats: { entityCount: number } | null; treaties: unknown };
    expect(data.stats?.entityCount).toBeGreaterThan(50);
    expect(data.treaties).toBeNull();
    expect(response.errors).toHaveLength(1);
    expect(response.errors?.[0]).toMatchObject({ path: ['treaties'], extensions: { code: 'NOT_FOUND' } });
    expect(response.errors?.[0]?.message).toMatch(/nowhere-land/);
  });

  it('nulls each failing field on its own path, whatever the cause, and answers the rest', async () => {
    const response = await graphql(`{
      entity(id: "kyrgyzstan") { name }
      search(query: "!!!") { totalCount }
      entities(first: 1000) { totalCount }
      path(from: "kyrgyzstan", to: "kyrgyzstan") { length }
      timeline(from: 1900, to: 1800) { totalCount }
      nodes(ids: ["kyrgyzstan", "no-such-thing"]) { id }
    }`);
    const data = response.data as Record<string, unknown>;
    expect(data['entity']).toEqual({ name: 'Kyrgyzstan' });
    expect(data['nodes']).toEqual([{ id: 'kyrgyzstan' }, null]);
    for (const field of ['search', 'entities', 'path', 'timeline']) expect(data[field], field).toBeNull();
    const failed = (response.errors ?? []).map((error) => [error.path?.[0], error.extensions?.['code']]);
    expect(failed.sort()).toEqual([
      ['entities', 'BAD_USER_INPUT'],
      ['path', 'BAD_USER_INPUT'],
      ['search', 'BAD_USER_INPUT'],
      ['timeline', 'BAD_USER_INPUT'],
    ]);
  });

  it('in a mutation, keeps the answer of a write that went before a refused one', async () => {
    const response = await graphql(
      `mutation {
        updateEntity(input: { id: "naryn-region", description: "A region of Kyrgyzstan on the border with China." }) { entity { id description } }
        updateRelation(input: { relationId: "naryn-region--within--nowhere", note: "Never written." }) { relation { id } }
      }`,
      {},
      { authorization: `Bearer ${EDITOR}` },
    );
    const data = response.data as { updateEntity: { entity: { id: string; description: string } } | null; updateRelation: unknown };
    expect(data.updateEntity?.entity).toEqual({ id: 'naryn-region', description: 'A region of Kyrgyzstan on the border with China.' });
    expect(data.updateRelation).toBeNull();
    expect(response.errors).toHaveLength(1);
    expect(response.errors?.[0]).toMatchObject({ path: ['updateRelation'], extensions: { code: 'NOT_FOUND' } });
  });
});
