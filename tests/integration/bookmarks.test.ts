// Read-your-writes on a cluster: a mutation answers with its transaction's bookmarks; a request that sends them
// back has every read wait for that write on whichever member serves it. One Neo4j here, so the tests show the
// bookmarks reaching Neo4j and coming back, and that reads go in READ mode (what a cluster routes to readers).
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CypherExecutor } from '../../cypher/executor.ts';
import { cypher } from '../../cypher/query.ts';
import { BOOKMARKS_HEADER } from '../../server/plugins/use-bookmarks.ts';
import { testApp, type GraphQLResponse } from '../support/app.ts';
import { loadSeed, testDriver } from '../support/database.ts';

const EDITOR = 'b'.repeat(40);
const ARTICLE = 'wikipedia-china-kyrgyzstan-border';
const ID = 'bookmark-probe';
const CREATE = `mutation ($input: CreateEntityInput!) { createEntity(input: $input) { entity { id } } }`;
const READ = `query ($id: ID!) { node(id: $id) { id } }`;

let driver: Driver;
let app: ReturnType<typeof testApp>['app'];
let queries: ReturnType<typeof testApp>['queries'];

async function post(query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) {
  const response = await app.fetch('http://test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as GraphQLResponse & { extensions?: { bookmarks?: string[] } };
  return { status: response.status, header: response.headers.get(BOOKMARKS_HEADER), body };
}

beforeAll(async () => {
  driver = testDriver();
  await loadSeed(driver);
  await driver.executeQuery('MATCH (e:Entity {id: $id}) DETACH DELETE e', { id: ID }, { database: inject('neo4j').database });
  ({ app, queries } = testApp(driver, { curationTokens: [{ role: 'editor', name: 'alice', token: EDITOR }] }));
});

afterAll(async () => {
  await driver.executeQuery('MATCH (e:Entity {id: $id}) DETACH DELETE e', { id: ID }, { database: inject('neo4j').database });
  await driver.close();
});

describe('bookmarks', () => {
  let bookmarks: string[] = [];

  it('come with a mutation\'s answer, in `extensions.bookmarks` and the response header alike', async () => {
    const input = { id: ID, kind: 'Region', name: 'Bookmark probe', description: 'A region written to test bookmarks.', sources: [{ quote: 'The China–Kyrgyzstan border is 1063 km in length', sourceId: ARTICLE }] };
    const written = await post(CREATE, { input }, { authorization: `Bearer ${EDITOR}` });
    expect(written.body.errors).toBeUndefined();
    bookmarks = written.body.extensions?.bookmarks ?? [];
    expect(bookmarks.length).toBeGreaterThan(0);
    expect(written.header).toBe(bookmarks.join(','));
  });

  it('sent back, make the reads of a request wait for that write, which they then see', async () => {
    const read = await post(READ, { id: ID }, { [BOOKMARKS_HEADER]: bookmarks.join(',') });
    expect(read.status).toBe(200);
    expect(read.body.data).toEqual({ node: { id: ID } });
    // A read writes nothing, so it has no bookmark of its own to hand out.
    expect(read.header).toBeNull();
    expect(read.body.extensions).toBeUndefined();
  });

  it('reach Neo4j: one it never gave out is refused as the client\'s mistake, not ignored', async () => {
    const read = await post(READ, { id: ID }, { [BOOKMARKS_HEADER]: 'FB:not-a-bookmark' });
    expect(read.status).toBe(200);
    expect(read.body.errors?.map((error) => error.extensions?.['code'])).toEqual(['BAD_REQUEST']);
    expect(read.body.errors?.[0]?.message).toMatch(/bookmarks this request sent/);
  });

  it('are not needed: a plain read neither waits nor gets any', async () => {
    const read = await post(READ, { id: 'kyrgyzstan' });
    expect(read.body.data).toEqual({ node: { id: 'kyrgyzstan' } });
    expect(read.header).toBeNull();
  });

  it('in a header that cannot hold any are refused with 400 before any Cypher runs', async () => {
    for (const header of ['a,'.repeat(20), 'with space', 'x'.repeat(600)]) {
      queries.length = 0;
      const read = await post(READ, { id: ID }, { [BOOKMARKS_HEADER]: header });
      expect(read.status, header).toBe(400);
      expect(read.body.errors?.map((error) => error.extensions?.['code'])).toEqual(['BAD_REQUEST']);
      expect(queries).toEqual([]);
    }
  });
});

describe('reads', () => {
  it('run in READ mode, which a cluster routes to its readers: a write sent as a read is refused', async () => {
    const executor = new CypherExecutor(driver, { database: inject('neo4j').database, timeoutMs: 5_000 });
    const write = cypher<Record<string, never>, never>('test.writeAsRead', 'CREATE (:ReadModeProbe)');
    await expect(executor.read(write, {})).rejects.toMatchObject({ message: expect.stringMatching(/read access mode/i) });
    const { records } = await driver.executeQuery('MATCH (p:ReadModeProbe) RETURN count(p) AS n', {}, { database: inject('neo4j').database });
    expect(Number(records[0]?.get('n'))).toBe(0);
  });
});
