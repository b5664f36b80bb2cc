import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSeed, testDriver } from '../support/database.ts';
import { dataOf, testApp } from '../support/app.ts';

// Slim rows (schema/projection.ts, cypher/projection.ts): a list query reads only ids, kinds, names and types
// when nothing selected beneath it reads more. These check when it does, and that it changes no answer.

let driver: Driver;
let client: ReturnType<typeof testApp>;

beforeAll(async () => {
  driver = testDriver();
  await loadSeed(driver);
  // Each statement by name: without the planner, which would send the relation pages' decisions as the
  // parameters of its one statement (the same decisions: tests/integration/relation-plan.test.ts).
  client = testApp(driver, { planRelations: false });
});
afterAll(() => driver.close());

/** The `slim` parameter of each statement the last request ran, by statement name. */
function slimByStatement(): Record<string, unknown> {
  return Object.fromEntries(client.queries.map((query) => [query.name, query.params['slim']]));
}

/** The data without the keys the full variant of a question added. */
function without(value: unknown, keys: ReadonlySet<string>): unknown {
  if (Array.isArray(value)) return value.map((item) => without(item, keys));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => !keys.has(key)).map(([key, item]) => [key, without(item, keys)]));
}

const IDENTITY_QUESTIONS = {
  treaties: '{ treaties(affecting: "Ili basin") { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { __typename id kind name } } } }',
  path: '{ path(from: "azimbek-beknazarov", to: "china") { length nodes { id kind name } relations { relationId type label from { id name } to { id name } } } }',
  timeline: '{ timeline(involving: "bedel-pass", first: 50) { totalCount edges { year entity { id name } relation { relationId type from { name } to { name } } } } }',
  search: '{ search(query: "Irkestam") { totalCount edges { score node { id name kind } } } }',
  entities: `{ entities(kind: "Treaty", first: 5) { edges { node { id name relations(first: 3) { totalCount edges { type label direction relationId node { id name } } }
    ... on Treaty { parties { nodes { id name } } } } } } }`,
};

describe('slim rows', () => {
  it('are read when the selection reads only ids, kinds, names and types, and answer as full rows do', async () => {
    for (const [question, slimQuery] of Object.entries(IDENTITY_QUESTIONS)) {
      const slim = dataOf<Record<string, unknown>>(await client.graphql(slimQuery));
      const slimStatements = slimByStatement();
      expect(Object.values(slimStatements).length, question).toBeGreaterThan(0);
      expect(Object.values(slimStatements).every((value) => value === true), `${question}: ${JSON.stringify(slimStatements)}`).toBe(true);

      // The same question also reading descriptions and time spans: full rows everywhere, the same ids and names.
      const fullQuery = slimQuery.replaceAll(' name ', ' name description time { text } ').replaceAll(' name }', ' name description time { text } }');
      const full = dataOf<Record<string, unknown>>(await client.graphql(fullQuery));
      const fullStatements = slimByStatement();
      expect(Object.values(fullStatements).every((value) => value === false), `${question}: ${JSON.stringify(fullStatements)}`).toBe(true);
      expect(JSON.stringify(full), question).toMatch(/"description":"[^"]+"/);
      expect(without(full, new Set(['description', 'time'])), question).toEqual(slim);
    }
  });

  it('are not read when a fragment, an inline fragment or an edge reads more', async () => {
    const fullRows = [
      'query { treaties(first: 3) { edges { node { ...Dated } } } } fragment Dated on Entity { id time { start { year } } }',
      '{ treaties(first: 3) { nodes { id ... on Treaty { sources { quote } } } } }',
      '{ path(from: "azimbek-beknazarov", to: "china") { relations { relationId note } } }',
      '{ timeline(involving: "bedel-pass") { edges { relation { relationId effectTo { id } } } } }',
      '{ entities(first: 3) { edges { node { id aliases } } } }',
      '{ entity(id: "china") { relations(first: 5) { edges { relationId role node { id } } } } }',
    ];
    for (const query of fullRows) {
      dataOf(await client.graphql(query));
      const statements = slimByStatement();
      expect(Object.values(statements).includes(false), `${query}: ${JSON.stringify(statements)}`).toBe(true);
      expect(Object.values(statements).includes(true), `${query}: ${JSON.stringify(statements)}`).toBe(false);
    }
  });

  it('carry the ends of relations only when a selection reads them', async () => {
    const statementParams = () => client.queries.map(({ name, params }) => ({ name, slim: params['slim'], ends: params['ends'] }));
    const bare = dataOf<{ timeline: { edges: { relation: { relationId: string } | null }[] } }>(
      await client.graphql('{ timeline(involving: "bedel-pass", first: 50) { edges { relation { relationId type } } } }'),
    );
    expect(statementParams()).toEqual([{ name: 'timeline.around', slim: true, ends: false }]);
    const withEnds = dataOf<{ timeline: { edges: { relation: { relationId: string; from: { name: string } } | null }[] } }>(
      await client.graphql('query { timeline(involving: "bedel-pass", first: 50) { edges { relation { relationId type ...Ends } } } } fragment Ends on Relation { from { name } }'),
    );
    expect(statementParams()).toEqual([{ name: 'timeline.around', slim: true, ends: true }]);
    expect(withEnds.timeline.edges.some((edge) => edge.relation?.from.name)).toBe(true);
    expect(withEnds.timeline.edges.map((edge) => edge.relation?.relationId ?? null)).toEqual(bare.timeline.edges.map((edge) => edge.relation?.relationId ?? null));
    dataOf(await client.graphql('{ path(from: "azimbek-beknazarov", to: "china") { relations { relationId } } }'));
    expect(statementParams()).toEqual([{ name: 'path.shortest4', slim: true, ends: false }]);
  });

  it('are read for a list whose own rows are only named, even when a relation field beneath reads more', async () => {
    dataOf(await client.graphql('{ treaties(from: 1800, first: 3) { nodes { id name parties { edges { role node { id description } } } relations(first: 2) { totalCount } } } }'));
    const statements = slimByStatement();
    expect(statements['treaties.page']).toBe(true);
    expect(statements['relations.page(IN:SIGNED)']).toBe(false);
    expect(statements['relations.page(BOTH, $types)']).toBe(true);
  });
});

describe('keyset keys', () => {
  const cursorsByStatement = () => Object.fromEntries(client.queries.map(({ name, params }) => [name, params['cursors']]));

  it('come back only for lists whose cursors a selection reads, directly or through a fragment', async () => {
    dataOf(await client.graphql('{ treaties(from: 1800, first: 3) { nodes { id parties { nodes { id } } } } }'));
    expect(cursorsByStatement()).toEqual({ 'treaties.page': false, 'relations.page(IN:SIGNED)': false });
    dataOf(await client.graphql('{ treaties(from: 1800, first: 3) { pageInfo { endCursor } nodes { id parties { edges { cursor } } } } }'));
    expect(cursorsByStatement()).toEqual({ 'treaties.page': true, 'relations.page(IN:SIGNED)': true });
    const { entities } = dataOf<{ entities: { edges: { cursor: string }[] } }>(
      await client.graphql('query { entities(kinds: [Pass], first: 2) { ...Paged } } fragment Paged on EntityConnection { edges { cursor } }'),
    );
    expect(cursorsByStatement()).toEqual({ 'entities.pagePass': true });
    expect(entities.edges.every((edge) => edge.cursor.length > 0)).toBe(true);
  });
});
