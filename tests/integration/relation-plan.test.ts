import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSeed, testDriver } from '../support/database.ts';
import { loadConfig } from '../../server/config.ts';
import { appPolicy } from '../../server/http-policy.ts';
import { testApp, type GraphQLResponse } from '../support/app.ts';

/*
 * The planner (schema/relation-plan.ts) reads relation fields beneath a root list in the list's own statement and
 * primes the loaders; whatever it does not plan loads as before. Every document here is answered by an app with
 * the planner and one without, and the answers must be the same JSON, errors included.
 */
let driver: Driver;
let planned: ReturnType<typeof testApp>;
let unplanned: ReturnType<typeof testApp>;

beforeAll(async () => {
  driver = testDriver();
  await loadSeed(driver);
  planned = testApp(driver);
  unplanned = testApp(driver, { planRelations: false });
});
afterAll(() => driver.close());

const WALK = `query ($party: ID!) { treaties(between: [$party], first: 20) { edges { node { id name
  parties(first: 10) { nodes { id name
    ... on State { signed(first: 50) { nodes { id name } } }
    ... on Empire { signed(first: 50) { nodes { id name } } } } } } } } }`;

const HEAVY = `{ entities(kinds: [Region], first: 100) { edges { node { id name
  relations(first: 100) { totalCount edges { type direction relationId node { id name } } } } } } }`;

/** Four levels of relation fields: one more than the planner reads ahead (PLAN_MAX_DEPTH in schema/relation-plan.ts), past the server's default depth limit (MAX_DEPTH). */
const DEEP = `{ treaties(first: 2) { nodes { id parties(first: 2) { nodes { id ...Signed } } } } }
  fragment Signed on Entity {
    ... on State { signed(first: 2) { nodes { id ... on Treaty { parties(first: 2) { nodes { id ... on State { signed(first: 1) { totalCount } } ... on Empire { signed(first: 1) { totalCount } } } } } } } }
    ... on Empire { signed(first: 2) { nodes { id ... on Treaty { parties(first: 2) { nodes { id ... on State { signed(first: 1) { totalCount } } ... on Empire { signed(first: 1) { totalCount } } } } } } } } }`;

/** What the planner leaves to the loaders beside what it reads: a transitive list, a relation's ends and what hangs from them. */
const ASIDE = `{ entities(kinds: [Region], first: 5) { nodes { id
  ... on Region { within(transitive: true) { edges { depth node { id } } } contains { nodes { id } } }
  relations(first: 2) { edges { relation { from { id } to { id relations(first: 1) { totalCount } } } } } } } }`;

const PAGE = 'totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }';

/**
 * Levels of both widths (schema/projection.ts) above one another: the planner reads the parents of a level from the
 * items of the one above, which come as lists when slim and as maps when full (cypher/relations.ts relatedItem).
 */
const SIGNED_FULL = 'signed(first: 3) { edges { role node { id description } } }';
const SLIM_ABOVE_FULL = `{ treaties(first: 4) { nodes { id parties(first: 3) { nodes { id ... on State { ${SIGNED_FULL} } ... on Empire { ${SIGNED_FULL} } } } } } }`;
const FULL_ABOVE_SLIM = `{ treaties(first: 4) { nodes { id parties(first: 3) { edges { role node { id description
  ... on State { signed(first: 3) { nodes { id } } } ... on Empire { signed(first: 3) { nodes { id } } } } } } } } }`;

/** Documents and their variables: what the two apps must answer alike. */
const DOCUMENTS: [string, string, Record<string, unknown>?][] = [
  ['the walk', WALK, { party: 'russian-empire' }],
  ['transitive containment and relation ends, which load as before', ASIDE],
  ['the heavy list', HEAVY],
  [
    'small nested pages with cursors and totals',
    `{ treaties(first: 5) { ${PAGE} edges { cursor node { id parties(first: 1) { ${PAGE} edges { cursor role direction node { id kind } } } } } } }`,
  ],
  [
    'full rows beneath (descriptions, time spans, qualifiers)',
    `{ treaties(first: 3) { nodes { id description parties { edges { role effect time { start { year } } relation { id note } node { id description time { start { year } } } } } } } }`,
  ],
  [
    'every order and paging backwards, on typed fields',
    `{ treaties(first: 6) { nodes { id
        byName: parties(orderBy: { field: NAME, direction: DESC }, first: 1) { ${PAGE} edges { cursor relationId node { name } } }
        byEnd: affects(orderBy: { field: END }, last: 2) { ${PAGE} edges { cursor relationId } }
        byStart: concerns(first: 2) { ${PAGE} nodes { id } } } } }`,
  ],
  [
    'Entity.relations: every order, both directions, paging backwards (not read ahead)',
    `{ entities(kinds: [State, Empire], first: 6) { nodes { id
        byName: relations(orderBy: { field: NAME, direction: DESC }, first: 3) { ${PAGE} edges { cursor relationId node { name } } }
        byEnd: relations(orderBy: { field: END }, last: 2) { ${PAGE} edges { cursor relationId } }
        out: relations(direction: OUT, types: [SIGNED, SEPARATES, SUCCEEDED], first: 4) { totalCount nodes { id } }
        incoming: relations(direction: IN) { totalCount nodes { id } } } } }`,
  ],
  [
    'as of a date, beneath a list as of a date, on typed fields',
    `{ treaties(asOf: "1900", first: 10) { edges { held node { id parties(asOf: "1900", first: 5) { totalCount edges { held relationId } } } } } }`,
  ],
  [
    'Entity.relations as of a date (not read ahead)',
    `{ entities(kinds: [State, Empire], asOf: "1900", first: 10) { edges { held node { id relations(asOf: "1900", first: 5) { totalCount edges { held relationId } } } } } }`,
  ],
  [
    'the same field twice with other arguments, under aliases, through named fragments',
    `query { treaties(first: 4) { edges { node { ...Parties } } nodes { id first: parties(first: 1) { nodes { id } } } } }
     fragment Parties on Treaty { id all: parties { totalCount nodes { id ...Signed } } }
     fragment Signed on Entity { ... on State { signed(first: 2) { totalCount nodes { id } } } }`,
  ],
  [
    '@include and @skip by variables',
    `query ($with: Boolean!, $without: Boolean!) { treaties(first: 3) { nodes { id
       parties @include(if: $with) { nodes { id } }
       affects @skip(if: $without) { nodes { id } } } } }`,
    { with: true, without: true },
  ],
  ['a slim level with a full one beneath', SLIM_ABOVE_FULL],
  ['a full level with a slim one beneath', FULL_ABOVE_SLIM],
  [
    'a refused argument beneath: the same error at the same path (error)',
    `{ treaties(first: 2) { nodes { id parties(first: 1000) { nodes { id } } affects(after: "not a cursor") { totalCount } implements { totalCount } } } }`,
  ],
  [
    'a reference that names nothing (error)',
    `{ treaties(between: ["Nowhere At All"]) { nodes { id parties { nodes { id } } } } }`,
  ],
];

/** How many items all `signed` pages in an answer hold. */
function signedCount(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + signedCount(item), 0);
  if (typeof value !== 'object' || value === null) return 0;
  return Object.entries(value).reduce((sum, [key, inner]) => {
    const page = key === 'signed' ? (inner as { nodes?: unknown[]; edges?: unknown[] }) : undefined;
    return sum + (page ? (page.nodes ?? page.edges ?? []).length : signedCount(inner));
  }, 0);
}

function answer(response: GraphQLResponse) {
  return { data: response.data, errors: response.errors };
}

describe('relation fields read with their root list', () => {
  it.each(DOCUMENTS)('answer as the loaders do: %s', async (label, query, variables) => {
    const [withPlan, withoutPlan] = [await planned.graphql(query, variables), await unplanned.graphql(query, variables)];
    if (!label.endsWith('(error)')) expect(withPlan.errors).toBeUndefined();
    expect(JSON.stringify(answer(withPlan))).toBe(JSON.stringify(answer(withoutPlan)));
    expect(withPlan.roundTrips).toBeLessThanOrEqual(withoutPlan.roundTrips);
  });

  it('read the second level from parents of either width, in one statement', async () => {
    for (const query of [SLIM_ABOVE_FULL, FULL_ABOVE_SLIM]) {
      const response = await planned.graphql(query);
      expect(response.errors).toBeUndefined();
      expect(response.roundTrips).toBe(1);
      // The treaties the parties signed: the second level, reached through the first level's items.
      expect(signedCount(response.data)).toBeGreaterThan(0);
    }
  });

  it('answer the next page from a nested cursor as the loaders do', async () => {
    const first = `{ treaties(first: 3) { nodes { id parties(first: 1) { pageInfo { endCursor } } } } }`;
    const response = await planned.graphql(first);
    const treaties = (response.data?.['treaties'] as { nodes: { id: string; parties: { pageInfo: { endCursor: string | null } } }[] }).nodes;
    const [treaty] = treaties.filter((node) => node.parties.pageInfo.endCursor !== null);
    expect(treaty).toBeDefined();
    const next = `query ($after: String) { treaties(first: 3) { nodes { id parties(first: 1, after: $after) { ${PAGE} nodes { id } } } } }`;
    const variables = { after: treaty?.parties.pageInfo.endCursor };
    const [withPlan, withoutPlan] = [await planned.graphql(next, variables), await unplanned.graphql(next, variables)];
    expect(JSON.stringify(answer(withPlan))).toBe(JSON.stringify(answer(withoutPlan)));
    expect(withPlan.roundTrips).toBe(1);
  });

  it('send the walk as one statement where the loaders send one per level, and leave the heavy list to them', async () => {
    const walk = [await planned.graphql(WALK, { party: 'russian-empire' }), await unplanned.graphql(WALK, { party: 'russian-empire' })];
    expect(walk.map((response) => response.errors)).toEqual([undefined, undefined]);
    expect(walk.map((response) => response.roundTrips)).toEqual([1, 3]);
    expect(planned.queries.map((query) => query.name)).toEqual([expect.stringMatching(/^planned\(treaties\.page /)]);
    const heavy = [await planned.graphql(HEAVY), await unplanned.graphql(HEAVY)];
    // Entity.relations is not read ahead: its full pages in one value cost more than the round-trip (README, Performance).
    expect(heavy.map((response) => response.roundTrips)).toEqual([2, 2]);
  });

  it('leave to the loaders what they do not plan: levels past the bound, transitive lists, relation ends', async () => {
    const policy = appPolicy(loadConfig({ MAX_DEPTH: '14' }));
    const [deepPlanned, deepUnplanned] = [testApp(driver, { policy }), testApp(driver, { policy, planRelations: false })];
    const [withPlan, withoutPlan] = [await deepPlanned.graphql(DEEP), await deepUnplanned.graphql(DEEP)];
    expect(withPlan.errors).toBeUndefined();
    expect(JSON.stringify(answer(withPlan))).toBe(JSON.stringify(answer(withoutPlan)));
    // The root and three levels in one statement, the fourth alone; more without the planner.
    expect(withPlan.roundTrips).toBe(2);
    expect(withoutPlan.roundTrips).toBeGreaterThan(2);
    // The root with `contains`; then `within` (transitive), `relations`, the relations' other ends, and their
    // relations in two batches (an end that is the parent is loaded first).
    const aside = [await planned.graphql(ASIDE), await unplanned.graphql(ASIDE)];
    expect(aside.map((response) => response.roundTrips)).toEqual([6, 7]);
  });
});
