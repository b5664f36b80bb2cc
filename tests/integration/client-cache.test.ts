import { randomBytes } from 'node:crypto';
import { ApolloClient, CombinedGraphQLErrors, HttpLink, InMemoryCache, gql } from '@apollo/client';
import { Client, fetchExchange } from '@urql/core';
import { cacheExchange } from '@urql/exchange-graphcache';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { unloadDatasets } from '../../services/ingest/load.ts';
import { dataOf, testApp } from '../support/app.ts';
import { loadSeed, testDriver, testExecutor } from '../support/database.ts';

/*
 * Relations as objects a client cache can hold: Apollo Client's InMemoryCache and urql's Graphcache as a new user
 * sets them up, with no type policies or keys, over the real app and the real Neo4j. A write's answer must update every list that shows what it
 * wrote, with no refetch.
 */

const EDITOR = randomBytes(32).toString('hex');
/** Seen from both ends: OUT from Kyrgyzstan, IN from Xinjiang. */
const ADJACENT = 'kyrgyzstan--adjacent-to--xinjiang';

let driver: Driver;
let app: ReturnType<typeof testApp>;

async function resetToSeed(): Promise<void> {
  await unloadDatasets(testExecutor(driver), ['curation']);
  await loadSeed(driver);
}

beforeAll(async () => {
  driver = testDriver();
  // Generous: the first queries of a cold Neo4j on a busy machine are slow, and speed is the benchmark's to judge.
  app = testApp(driver, { curationTokens: [{ role: 'editor', name: 'carla', token: EDITOR }], timeoutMs: 60_000 });
});
beforeEach(resetToSeed);
afterAll(async () => {
  await resetToSeed();
  await driver.close();
});

/** The README's client ("For front-end clients"): the default cache, and a link whose `fetch` is the app's own (the real server, without a port). */
function apolloClient() {
  const cache = new InMemoryCache();
  const link = new HttpLink({ uri: 'http://test/graphql', fetch: async (input, init) => app.app.fetch(new Request(input, init)), headers: { authorization: `Bearer ${EDITOR}` } });
  return { client: new ApolloClient({ cache, link }), cache };
}

/** The README's urql client: its normalised cache (Graphcache) with no configuration at all. */
function urqlClient() {
  return new Client({
    url: 'http://test/graphql',
    exchanges: [cacheExchange(), fetchExchange],
    fetch: async (input, init) => app.app.fetch(new Request(input, init)),
    // urql sends queries as GET, which the server's CSRF check lets through only with this header.
    fetchOptions: { headers: { authorization: `Bearer ${EDITOR}`, 'x-graphql-csrf': '1' } },
  });
}

type Edge = { direction: string; node: { id: string; name: string; description: string }; relation: { id: string; note: string | null; from: { id: string }; to: { id: string } } };
type Neighbours = { entity: { id: string; relations: { edges: Edge[] } } };

const RELATIONS_OF = gql`
  query RelationsOf($id: ID!) {
    entity(id: $id) {
      id
      relations(first: 100) {
        edges {
          direction
          node { id name description }
          relation { id note from { id } to { id } }
        }
      }
    }
  }
`;

const edgeOf = (answer: Neighbours | undefined, relationId: string) => answer?.entity.relations.edges.find((edge) => edge.relation.id === relationId);

describe('a relation', () => {
  it('is one object with one global id from either end, on two distinct edges', async () => {
    const query = `query ($a: ID!, $b: ID!) {
      a: entity(id: $a) { relations(first: 100) { edges { direction relationId relation { id relationId from { id } to { id } } } } }
      b: entity(id: $b) { relations(first: 100) { edges { direction relation { id from { id } to { id } } } } }
    }`;
    type Side = { relations: { edges: { direction: string; relationId?: string; relation: { id: string; relationId?: string; from: { id: string }; to: { id: string } } }[] } };
    const { a, b } = dataOf<{ a: Side; b: Side }>(await app.graphql(query, { a: 'kyrgyzstan', b: 'xinjiang' }));
    const fromA = a.relations.edges.find((edge) => edge.relation.id === ADJACENT);
    const fromB = b.relations.edges.find((edge) => edge.relation.id === ADJACENT);
    expect(fromA?.direction).toBe('OUT');
    expect(fromB?.direction).toBe('IN');
    // The relation is the same whichever end it is seen from: same id, same subject and object.
    expect(fromA?.relation).toEqual({ id: ADJACENT, relationId: ADJACENT, from: { id: 'kyrgyzstan' }, to: { id: 'xinjiang' } });
    expect(fromB?.relation).toEqual({ id: ADJACENT, from: { id: 'kyrgyzstan' }, to: { id: 'xinjiang' } });
    // The deprecated copy on the edge still answers.
    expect(fromA?.relationId).toBe(ADJACENT);
  });

  it('is fetched again by `node(id:)` and `nodes(ids:)`, with entities alike; an id of nothing is null', async () => {
    const query = `query ($id: ID!) {
      node(id: $id) { __typename id ... on Relation { type from { id } to { id } sources { quote } } }
      nodes(ids: [$id, "xinjiang", "kyrgyzstan--adjacent-to--nowhere", "not--a--relation--id--at-all"]) { __typename id }
    }`;
    const data = dataOf<{ node: Record<string, unknown>; nodes: unknown[] }>(await app.graphql(query, { id: ADJACENT }));
    expect(data.node).toMatchObject({ __typename: 'Relation', id: ADJACENT, type: 'ADJACENT_TO', from: { id: 'kyrgyzstan' }, to: { id: 'xinjiang' } });
    expect(data.node['sources']).toEqual([{ quote: 'with Kyrgyzstan being next to the Xinjiang province' }]);
    expect(data.nodes).toEqual([{ __typename: 'Relation', id: ADJACENT }, { __typename: 'Region', id: 'xinjiang' }, null, null]);
  });

  it('is what the mutations take and answer', async () => {
    const update = `mutation ($id: ID!) { updateRelation(input: { relationId: $id, note: "Next to each other." }) { relation { id note } } }`;
    const updated = dataOf<{ updateRelation: { relation: { id: string; note: string } } }>(await app.graphql(update, { id: ADJACENT }, { authorization: `Bearer ${EDITOR}` }));
    expect(updated.updateRelation.relation).toEqual({ id: ADJACENT, note: 'Next to each other.' });
    const removed = `mutation ($id: ID!) { deleteRelation(input: { relationId: $id }) { relationId } }`;
    expect(dataOf(await app.graphql(removed, { id: ADJACENT }, { authorization: `Bearer ${EDITOR}` }))).toEqual({ deleteRelation: { relationId: ADJACENT } });
    expect(dataOf(await app.graphql('query ($id: ID!) { node(id: $id) { id } }', { id: ADJACENT }))).toEqual({ node: null });
  });
});

const PANELS = gql`
  query Panels {
    stats { entityCount }
    treaties(affecting: "nowhere-land") { totalCount }
  }
`;

describe("Apollo Client's InMemoryCache with no type policies", () => {
  it('gets the statistics and the error of `treaties` from one request', async () => {
    const { client } = apolloClient();
    // Apollo's default error policy ('none') drops the data of an answer with errors; 'all' keeps both.
    const result = await client.query<{ stats: { entityCount: number } | null; treaties: unknown }>({ query: PANELS, errorPolicy: 'all' });
    expect(result.data?.stats?.entityCount).toBeGreaterThan(50);
    expect(result.data?.treaties).toBeNull();
    expect(CombinedGraphQLErrors.is(result.error) && result.error.errors.map((error) => [error.path, error.extensions?.['code']])).toEqual([[['treaties'], 'NOT_FOUND']]);
  });

  it('shows the new note of an updated relation in the lists of both its ends, read from the cache without a refetch', async () => {
    const { client, cache } = apolloClient();
    const before = await client.query<Neighbours>({ query: RELATIONS_OF, variables: { id: 'kyrgyzstan' } });
    await client.query<Neighbours>({ query: RELATIONS_OF, variables: { id: 'xinjiang' } });
    expect(edgeOf(before.data, ADJACENT)?.relation.note).toBeNull();

    await client.mutate({
      mutation: gql`mutation Note($id: ID!, $note: String!) { updateRelation(input: { relationId: $id, note: $note }) { relation { id note } } }`,
      variables: { id: ADJACENT, note: 'Neighbours along the Tian Shan.' },
    });

    const requests = app.queries.length;
    const kyrgyzstan = client.readQuery<Neighbours>({ query: RELATIONS_OF, variables: { id: 'kyrgyzstan' } });
    const xinjiang = client.readQuery<Neighbours>({ query: RELATIONS_OF, variables: { id: 'xinjiang' } });
    expect(app.queries.length).toBe(requests);
    expect(edgeOf(kyrgyzstan ?? undefined, ADJACENT)?.relation.note).toBe('Neighbours along the Tian Shan.');
    expect(edgeOf(xinjiang ?? undefined, ADJACENT)?.relation.note).toBe('Neighbours along the Tian Shan.');
    // Two edges (one per end, each with its own direction), one record of the relation.
    expect(edgeOf(kyrgyzstan ?? undefined, ADJACENT)?.direction).toBe('OUT');
    expect(edgeOf(xinjiang ?? undefined, ADJACENT)?.direction).toBe('IN');
    expect(Object.keys(cache.extract()).filter((key) => key.startsWith('Relation:') && key.includes(ADJACENT))).toEqual([`Relation:${ADJACENT}`]);
  });

  it("shows an updated entity's new description in the lists that hold it, read from the cache without a refetch", async () => {
    const { client } = apolloClient();
    const before = await client.query<Neighbours>({ query: RELATIONS_OF, variables: { id: 'kyrgyzstan' } });
    const neighbour = before.data?.entity.relations.edges.find((edge) => edge.node.id === 'xinjiang')?.node;
    expect(neighbour?.description).not.toBe('The far west of China.');

    await client.mutate({
      mutation: gql`mutation Describe($id: ID!, $description: String!) { updateEntity(input: { id: $id, description: $description }) { entity { id description } } }`,
      variables: { id: 'xinjiang', description: 'The far west of China.' },
    });

    const requests = app.queries.length;
    const after = client.readQuery<Neighbours>({ query: RELATIONS_OF, variables: { id: 'kyrgyzstan' } });
    expect(app.queries.length).toBe(requests);
    expect(after?.entity.relations.edges.find((edge) => edge.node.id === 'xinjiang')?.node.description).toBe('The far west of China.');
  });
});

describe("urql's Graphcache with no configuration", () => {
  it('gets the statistics and the error of `treaties` from one request', async () => {
    const result = await urqlClient().query<{ stats: { entityCount: number } | null; treaties: unknown }>(PANELS, {}).toPromise();
    expect(result.data?.stats?.entityCount).toBeGreaterThan(50);
    expect(result.data?.treaties).toBeNull();
    expect(result.error?.graphQLErrors.map((error) => [error.path, error.extensions['code']])).toEqual([[['treaties'], 'NOT_FOUND']]);
  });

  it('shows the new note of an updated relation in the lists of both its ends, read from the cache only', async () => {
    const client = urqlClient();
    for (const id of ['kyrgyzstan', 'xinjiang']) {
      const first = await client.query<Neighbours>(RELATIONS_OF, { id }).toPromise();
      expect(first.error).toBeUndefined();
      expect(edgeOf(first.data, ADJACENT)?.relation.note).toBeNull();
    }

    const note = 'A border of 1063 km between them.';
    const written = await client
      .mutation(gql`mutation Note($id: ID!, $note: String!) { updateRelation(input: { relationId: $id, note: $note }) { relation { id note } } }`, { id: ADJACENT, note })
      .toPromise();
    expect(written.error).toBeUndefined();

    const requests = app.queries.length;
    for (const id of ['kyrgyzstan', 'xinjiang']) {
      const cached = await client.query<Neighbours>(RELATIONS_OF, { id }, { requestPolicy: 'cache-only' }).toPromise();
      expect(edgeOf(cached.data, ADJACENT)?.relation.note, id).toBe(note);
    }
    expect(app.queries.length).toBe(requests);
  });
});
