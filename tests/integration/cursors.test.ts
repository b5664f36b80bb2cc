// Keyset cursors on a real Neo4j: the page after a cursor is what sorts after its item, so entities and relations
// inserted or removed before it, the item itself included, neither repeat nor skip anything; `totalCount` counts
// what is there now. Old offset cursors and cursors of another list are refused.
import type { Driver } from 'neo4j-driver';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadSeed, testDriver } from '../support/database.ts';
import { testEntities } from '../support/test-entities.ts';
import { dataOf, testApp } from '../support/app.ts';

const DATASET = 'test-cursors';

let driver: Driver;
let graphql: ReturnType<typeof testApp>['graphql'];
let insert: ReturnType<typeof testEntities>['insert'];
let relate: ReturnType<typeof testEntities>['relate'];
let remove: ReturnType<typeof testEntities>['remove'];
let clear: () => Promise<void>;

beforeAll(async () => {
  driver = testDriver();
  await loadSeed(driver);
  graphql = testApp(driver).graphql;
  ({ insert, relate, remove, clear } = testEntities(driver, DATASET));
});
afterEach(() => clear());
afterAll(() => driver.close());

type Page = { totalCount: number; pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null }; nodes: { id: string }[] };

const ids = (page: Page) => page.nodes.map((node) => node.id);

describe('keyset cursors', () => {
  it('page entities by name correctly across inserts and deletes before the cursor, the cursor item included', async () => {
    await insert('Pass', [1, 2, 3, 4, 5, 6].map((n) => ({ id: `aa-cursor-pass-${n}`, name: `Aa cursor pass ${n}` })));
    const ask = async (after: string | null, first: number) =>
      dataOf<{ entities: Page }>(
        await graphql('query ($after: String, $first: Int) { entities(kinds: [Pass], first: $first, after: $after) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor } nodes { id } } }', { after, first }),
      ).entities;
    const before = await ask(null, 100);
    const first = await ask(null, 3);
    expect(ids(first)).toEqual(['aa-cursor-pass-1', 'aa-cursor-pass-2', 'aa-cursor-pass-3']);
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });

    await remove(['aa-cursor-pass-2', 'aa-cursor-pass-3']);
    await insert('Pass', [{ id: 'aa-cursor-pass-0', name: 'Aa cursor pass 0' }, { id: 'aa-cursor-pass-3b', name: 'Aa cursor pass 3b' }]);

    const next = await ask(first.pageInfo.endCursor, 3);
    expect(ids(next)).toEqual(['aa-cursor-pass-3b', 'aa-cursor-pass-4', 'aa-cursor-pass-5']);
    expect(next.totalCount).toBe(before.totalCount);
    expect(next.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    // The rest of the list follows on, to its end.
    const rest = await ask(next.pageInfo.endCursor, 100);
    expect([...ids(next), ...ids(rest)]).toEqual(ids(before).filter((id) => !['aa-cursor-pass-1', 'aa-cursor-pass-2', 'aa-cursor-pass-3'].includes(id)).toSpliced(0, 0, 'aa-cursor-pass-3b'));
    expect(rest.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    // After the last one: an empty page, with the total and the items before it.
    const beyond = await ask(rest.pageInfo.endCursor, 3);
    expect(beyond).toEqual({ totalCount: before.totalCount, pageInfo: { hasNextPage: false, hasPreviousPage: true, endCursor: null }, nodes: [] });
  });

  it('page treaties by date, and a list as of a date, across inserts and deletes', async () => {
    await insert('Treaty', [1, 2, 3, 4].map((n) => ({ id: `old-treaty-${n}`, name: `Old treaty ${n}`, year: 1000 + n })));
    const ask = async (after: string | null) =>
      dataOf<{ treaties: Page }>(
        await graphql('query ($after: String) { treaties(first: 2, after: $after, asOf: "1900") { totalCount pageInfo { hasNextPage hasPreviousPage endCursor } nodes { id } } }', { after }),
      ).treaties;
    const first = await ask(null);
    expect(ids(first)).toEqual(['old-treaty-1', 'old-treaty-2']);
    await remove(['old-treaty-1', 'old-treaty-2']);
    await insert('Treaty', [{ id: 'older-treaty', name: 'Older treaty', year: 900 }]);
    const next = await ask(first.pageInfo.endCursor);
    expect(ids(next)).toEqual(['old-treaty-3', 'old-treaty-4']);
    expect(next.pageInfo.hasPreviousPage).toBe(true);
    expect(next.totalCount).toBe(first.totalCount - 1);
  });

  it("page an entity's relations across inserts and deletes", async () => {
    await insert('Event', [{ id: 'cursor-event', name: 'Cursor event' }]);
    await insert('Region', [1, 2, 3, 4, 5].map((n) => ({ id: `cursor-region-${n}`, name: `Cursor region ${n}` })));
    await relate('CONCERNS', 'cursor-event', ['cursor-region-1', 'cursor-region-2', 'cursor-region-3', 'cursor-region-4', 'cursor-region-5']);
    const ask = async (after: string | null) =>
      dataOf<{ entity: { relations: Page } }>(
        await graphql('query ($after: String) { entity(id: "cursor-event") { relations(first: 2, after: $after) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor } nodes { id } } } }', {
          after,
        }),
      ).entity.relations;
    const first = await ask(null);
    expect(ids(first)).toEqual(['cursor-region-1', 'cursor-region-2']);
    await remove(['cursor-region-1']);
    await insert('Region', [{ id: 'cursor-region-0', name: 'Cursor region 0' }]);
    await relate('CONCERNS', 'cursor-event', ['cursor-region-0']);
    const next = await ask(first.pageInfo.endCursor);
    expect(ids(next)).toEqual(['cursor-region-3', 'cursor-region-4']);
    expect(next.totalCount).toBe(5);
  });

  it('page the timeline and search hits without repeating or skipping', async () => {
    for (const [list, query] of [
      ['timeline', 'query ($after: String) { timeline(first: 7, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { entity { id } relation { relationId } } } }'],
      ['search', 'query ($after: String) { search(query: "border treaty", first: 7, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }'],
    ] as const) {
      const seen: string[] = [];
      let after: string | null = null;
      let total = 0;
      for (let page = 0; page < 100; page += 1) {
        const data: Record<string, { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: Record<string, { id?: string; relationId?: string } | null>[] }> =
          dataOf(await graphql(query, { after }));
        const connection = data[list];
        if (!connection) throw new Error(`no ${list}`);
        total = connection.totalCount;
        seen.push(...connection.edges.map((edge) => JSON.stringify(edge)));
        if (!connection.pageInfo.hasNextPage) break;
        after = connection.pageInfo.endCursor;
      }
      expect(seen.length, list).toBe(total);
      expect(new Set(seen).size, list).toBe(total);
    }
  });

  it('refuse an offset cursor of the last version and a cursor of another list, as BAD_USER_INPUT', async () => {
    const offset = Buffer.from('v1:1').toString('base64url');
    const old = await graphql('query ($after: String) { treaties(after: $after) { totalCount } }', { after: offset });
    expect(old.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(old.errors?.[0]?.message).toMatch(/offset cursor of an earlier version/);
    const { entities } = dataOf<{ entities: Page }>(await graphql('{ entities(first: 1) { pageInfo { endCursor } nodes { id } totalCount pageInfo { hasNextPage hasPreviousPage } } }'));
    const other = await graphql('query ($after: String) { treaties(after: $after) { totalCount } }', { after: entities.pageInfo.endCursor });
    expect(other.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(other.errors?.[0]?.message).toMatch(/is a cursor of entities by name, id, but this list is ordered as treaties by year, name, id/);
  });
});
