import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { CypherExecutor, type WriteTransaction } from '../../cypher/executor.ts';
import { cypher, type CypherQuery } from '../../cypher/query.ts';
import { FixtureError, InvalidInput } from '../../model/errors.ts';
import type { CurationToken } from '../../server/auth.ts';
import { createEntity } from '../../services/curation/entities.ts';
import { entityDraft, relationDraft, type CreateEntityInput, type CreateRelationInput } from '../../services/curation/inputs.ts';
import { createRelation } from '../../services/curation/relations.ts';
import { loadDataset, unloadDatasets } from '../../services/ingest/load.ts';
import { readDataset } from '../../services/ingest/read-dataset.ts';
import { dataOf, testApp, type GraphQLResponse } from '../support/app.ts';
import { INVENTED_DIR, SEED_DIR, loadSeed, snapshot, testDriver, testExecutor } from '../support/database.ts';

const EDITOR = randomBytes(32).toString('hex');
const READER = randomBytes(32).toString('hex');
const TOKENS: CurationToken[] = [
  { role: 'editor', name: 'alice', token: EDITOR },
  { role: 'reader', name: 'rita', token: READER },
];
const ARTICLE = 'wikipedia-china-kyrgyzstan-border';
const BACKGROUND = 'background-geography';
// Verbatim in the article.
const QUOTES = [
  'across various mountain ridges and peaks of the Tian Shan range',
  'The China–Kyrgyzstan border is 1063 km in length',
  'The two countries delimited their border in 1996.',
  'When Kyrgyzstan became independent in 1991',
  'Formal demarcation was hampered',
  "in Russia's favour",
] as const;

const ENTITY_FIELDS = 'id kind name aliases description category status time { start { iso } end { iso } precision text } quantities { name value unit } sources { quote sourceId }';
const RELATION_FIELDS = 'relationId type role effect note time { precision text } effectFrom { id } effectTo { id } from { id } to { id } sources { quote sourceId }';
const CREATE_ENTITY = `mutation ($input: CreateEntityInput!) { createEntity(input: $input) { entity { ${ENTITY_FIELDS} } } }`;
const UPDATE_ENTITY = `mutation ($input: UpdateEntityInput!) { updateEntity(input: $input) { entity { ${ENTITY_FIELDS} } } }`;
const CREATE_RELATION = `mutation ($input: CreateRelationInput!) { createRelation(input: $input) { relation { ${RELATION_FIELDS} } } }`;
const UPDATE_RELATION = `mutation ($input: UpdateRelationInput!) { updateRelation(input: $input) { relation { ${RELATION_FIELDS} } } }`;
const DELETE_RELATION = 'mutation ($input: DeleteRelationInput!) { deleteRelation(input: $input) { relationId } }';
const ATTACH_SOURCE = `mutation ($input: AttachSourceInput!) { attachSource(input: $input) {
  entity { id sources { quote sourceId } } relation { relationId sources { quote sourceId } } } }`;

type Entity = { id: string; kind: string; name: string; aliases: string[]; description: string; category: string | null; status: string | null;
  time: { start: { iso: string } | null; end: { iso: string } | null; precision: string; text: string | null } | null;
  quantities: { name: string; value: number; unit: string }[]; sources: { quote: string; sourceId: string }[] };
type Relation = { relationId: string; type: string; role: string | null; effect: string | null; note: string | null; time: { precision: string; text: string | null } | null;
  effectFrom: { id: string } | null; effectTo: { id: string } | null; from: { id: string }; to: { id: string }; sources: { quote: string; sourceId: string }[] };

/** A valid new Region, with `overrides`. */
function newEntity(overrides: Partial<Record<keyof CreateEntityInput, unknown>> = {}) {
  return {
    id: 'curated-ridges',
    kind: 'Region',
    name: 'Border ridges',
    aliases: ['The ridges'],
    description: 'The mountain ridges the border follows.',
    category: 'mountain range',
    status: 'undemarcated',
    time: { start: '1996', end: '2009-08', precision: 'YEAR', text: '1996–2009' },
    quantities: [{ name: 'length', value: 1063, unit: 'km' }],
    sources: [{ quote: QUOTES[0], sourceId: ARTICLE }],
    ...overrides,
  };
}

/** A valid new relation (no such relation is in the seed), with `overrides`. */
function newRelation(overrides: Partial<Record<keyof CreateRelationInput, unknown>> = {}) {
  return {
    type: 'ADJACENT_TO',
    from: 'naryn-region',
    to: 'issyk-kul-region',
    role: 'east',
    note: 'Both border China.',
    sources: [{ quote: 'Issyk-Kul Region, Naryn Region and Osh Region in Kyrgyzstan', sourceId: ARTICLE }],
    ...overrides,
  };
}
const NEW_RELATION_ID = 'naryn-region--adjacent-to--issyk-kul-region';

/** `newEntity` as the service gets it from GraphQL, which turns the enum value YEAR into 'year'. */
function serviceInput(overrides: Partial<Record<keyof CreateEntityInput, unknown>> = {}): CreateEntityInput {
  return newEntity({ time: { start: '1996', precision: 'year' }, ...overrides }) as CreateEntityInput;
}

let driver: Driver;
let graphql: ReturnType<typeof testApp>['graphql'];
const asEditor = (query: string, variables: Record<string, unknown>) => graphql(query, variables, { authorization: `Bearer ${EDITOR}` });

/** Removes what curation wrote (its claims on seed items too), then puts the seed back as it was. */
async function resetToSeed(): Promise<void> {
  await unloadDatasets(testExecutor(driver), ['curation']);
  await loadSeed(driver);
}

async function storedEntity(id: string): Promise<Record<string, unknown> | undefined> {
  const { records } = await driver.executeQuery('MATCH (e:Entity {id: $id}) RETURN properties(e) AS p', { id }, { database: inject('neo4j').database });
  return records[0]?.get('p') as Record<string, unknown> | undefined;
}

async function storedRelation(id: string): Promise<Record<string, unknown> | undefined> {
  const { records } = await driver.executeQuery('MATCH ()-[r {id: $id}]->() RETURN properties(r) AS p', { id }, { database: inject('neo4j').database });
  return records[0]?.get('p') as Record<string, unknown> | undefined;
}

/** The one error of a failed response. */
function errorOf(response: GraphQLResponse) {
  expect(response.errors).toHaveLength(1);
  const [error] = response.errors ?? [];
  return { message: error?.message ?? '', code: error?.extensions?.code, problems: error?.extensions?.problems as { path: unknown[]; message: string }[] | undefined };
}

/** Asserts the graph is `before` plus exactly the items whose hashes are `added`. */
async function expectOnlyAdded(before: Awaited<ReturnType<typeof snapshot>>, added: { nodes: number; relations: number; hashes: string[] }) {
  const after = await snapshot(driver);
  expect(after.nodes).toBe(before.nodes + added.nodes);
  expect(after.relations).toBe(before.relations + added.relations);
  expect(after.hashes).toEqual([...before.hashes, ...added.hashes].sort());
}

beforeAll(async () => {
  driver = testDriver();
  graphql = testApp(driver, { curationTokens: TOKENS }).graphql;
});
beforeEach(resetToSeed);
afterAll(async () => {
  await resetToSeed();
  await driver.close();
});

describe('who may write', () => {
  const attempts: [string, string, Record<string, unknown>][] = [
    ['createEntity', CREATE_ENTITY, { input: newEntity() }],
    ['updateEntity', UPDATE_ENTITY, { input: { id: 'kyrgyzstan', description: 'Changed.' } }],
    ['createRelation', CREATE_RELATION, { input: newRelation() }],
    ['updateRelation', UPDATE_RELATION, { input: { relationId: 'china-kyrgyzstan-border--separates--china', note: 'Changed.' } }],
    ['deleteRelation', DELETE_RELATION, { input: { relationId: 'china-kyrgyzstan-border--separates--china' } }],
    ['attachSource', ATTACH_SOURCE, { input: { entityId: 'kyrgyzstan', source: { quote: QUOTES[3], sourceId: ARTICLE } } }],
  ];

  it.each(attempts)('%s without a token: UNAUTHENTICATED (401), nothing written', async (_name, query, variables) => {
    const before = await snapshot(driver);
    const response = await graphql(query, variables);
    expect(errorOf(response)).toMatchObject({ code: 'UNAUTHENTICATED', message: expect.stringMatching(/Authorization: Bearer/) });
    expect(response.status).toBe(401);
    expect(await snapshot(driver)).toEqual(before);
  });

  it.each(attempts)('%s with a wrong token: UNAUTHENTICATED; with a reader token: FORBIDDEN (403); nothing written', async (_name, query, variables) => {
    const before = await snapshot(driver);
    const wrong = await graphql(query, variables, { authorization: `Bearer ${randomBytes(32).toString('hex')}` });
    expect(errorOf(wrong).code).toBe('UNAUTHENTICATED');
    expect(wrong.status).toBe(401);
    const reader = await graphql(query, variables, { authorization: `Bearer ${READER}` });
    expect(errorOf(reader).code).toBe('FORBIDDEN');
    expect(reader.status).toBe(403);
    expect(await snapshot(driver)).toEqual(before);
  });

  it('refuses every write, saying how to configure a token, when no editor token is configured', async () => {
    const readersOnly = testApp(driver, { curationTokens: [{ role: 'reader', name: 'rita', token: READER }] }).graphql;
    const before = await snapshot(driver);
    for (const [, query, variables] of attempts) {
      const { code, message } = errorOf(await readersOnly(query, variables, { authorization: `Bearer ${READER}` }));
      expect(code).toBe('FORBIDDEN');
      expect(message).toMatch(/no editor token is configured.*CURATION_TOKENS=editor:<name>:<token>/);
    }
    expect(await snapshot(driver)).toEqual(before);
  });

  it('keeps reads open, with no token or any token', async () => {
    const headers: Record<string, string>[] = [{}, { authorization: 'Bearer not-a-token' }, { authorization: `Bearer ${READER}` }];
    for (const header of headers) {
      const response = await graphql('{ entity(id: "kyrgyzstan") { name } }', {}, header);
      expect(dataOf<{ entity: { name: string } }>(response).entity.name).toBe('Kyrgyzstan');
    }
  });
});

describe('createEntity', () => {
  it('writes the entity as a fixture entity is stored, in the curation dataset, and returns it', async () => {
    const before = await snapshot(driver);
    const { createEntity: { entity } } = dataOf<{ createEntity: { entity: Entity } }>(await asEditor(CREATE_ENTITY, { input: newEntity() }));
    expect(entity).toEqual({
      id: 'curated-ridges',
      kind: 'Region',
      name: 'Border ridges',
      aliases: ['The ridges'],
      description: 'The mountain ridges the border follows.',
      category: 'mountain range',
      status: 'undemarcated',
      time: { start: { iso: '1996' }, end: { iso: '2009-08' }, precision: 'YEAR', text: '1996–2009' },
      quantities: [{ name: 'length', value: 1063, unit: 'km' }],
      sources: [{ quote: QUOTES[0], sourceId: ARTICLE }],
    });
    const stored = await storedEntity('curated-ridges');
    expect(stored).toMatchObject({ dataset: 'curation', kind: 'Region', startYear: 1996, endYear: 2009, sourceIds: [ARTICLE], sourceQuotes: [QUOTES[0]] });
    await expectOnlyAdded(before, { nodes: 1, relations: 0, hashes: [String(stored?.hash)] });

    // Searchable and typed like any other entity.
    const { search } = dataOf<{ search: { edges: { node: { id: string; __typename: string } }[] } }>(
      await graphql('{ search(query: "Border ridges") { edges { node { id __typename } } } }'),
    );
    expect(search.edges[0]?.node).toEqual({ id: 'curated-ridges', __typename: 'Region' });
  });

  it.each([
    ['an id that is not a slug', { id: 'Border Ridges' }, ['input', 'id'], /a slug/],
    ['a quote not in the source', { sources: [{ quote: 'The border was never drawn.', sourceId: ARTICLE }] }, ['input', 'sources', 0, 'quote'], /not found verbatim in document "wikipedia-china-kyrgyzstan-border"/],
    ['a quote from another source', { sources: [{ quote: QUOTES[0], sourceId: BACKGROUND }] }, ['input', 'sources', 0, 'quote'], /not found verbatim/],
    ['a source that is no document', { sources: [{ quote: QUOTES[0], sourceId: 'kyrgyzstan' }] }, ['input', 'sources', 0, 'sourceId'], /unknown document "kyrgyzstan"/],
    ['no sources', { sources: [] }, ['input', 'sources'], /at least one source quote/],
    ['a time span ending before it starts', { time: { start: '2009', end: '1996', precision: 'YEAR' } }, ['input', 'time'], /must not end before it starts/],
    ['a malformed date', { time: { start: '96', precision: 'YEAR' } }, ['input', 'time', 'start'], /a partial date/],
    ['an empty name', { name: '   ' }, ['input', 'name'], /a non-empty string/],
    ['a taken id', { id: 'kyrgyzstan' }, ['input', 'id'], /"kyrgyzstan" is taken by a State/],
  ])('refuses %s: BAD_USER_INPUT at the field, nothing written', async (_case, overrides, path, message) => {
    const before = await snapshot(driver);
    const { code, problems } = errorOf(await asEditor(CREATE_ENTITY, { input: newEntity(overrides) }));
    expect(code).toBe('BAD_USER_INPUT');
    expect(problems).toEqual([{ path, message: expect.stringMatching(message) }]);
    expect(await snapshot(driver)).toEqual(before);
  });

  it('lists every problem at once', async () => {
    const { problems } = errorOf(await asEditor(CREATE_ENTITY, { input: newEntity({ id: 'X', name: '', aliases: ['ok', ''] }) }));
    expect(problems?.map((p) => p.path)).toEqual([['input', 'id'], ['input', 'name'], ['input', 'aliases', 1]]);
  });

  it('lets one of two editors creating the same new id at once win, and tells the other it is taken', async () => {
    const input = newEntity({ id: 'test-raced-id' });
    const results = await Promise.all([asEditor(CREATE_ENTITY, { input }), asEditor(CREATE_ENTITY, { input })]);
    expect(results.filter((result) => !result.errors)).toHaveLength(1);
    const { problems } = errorOf(results.find((result) => result.errors) ?? {});
    expect(problems).toEqual([{ path: ['input', 'id'], message: expect.stringMatching(/is taken/) }]);
  });

  it('refuses a Source, which only a dataset can bring with its text', async () => {
    const before = await snapshot(driver);
    const { problems } = errorOf(await asEditor(CREATE_ENTITY, { input: newEntity({ kind: 'Source' }) }));
    expect(problems).toEqual([{ path: ['input', 'kind'], message: expect.stringMatching(/add it in a dataset/) }]);
    expect(await snapshot(driver)).toEqual(before);
  });

  it('says how to fix a source loaded before texts were stored', async () => {
    // As a Source loaded by an older version was stored: without text, and so with another hash (which lets the next load rewrite it).
    await driver.executeQuery(`MATCH (s:Source {id: $id}) REMOVE s.text SET s.hash = 'older'`, { id: ARTICLE }, { database: inject('neo4j').database });
    const { problems } = errorOf(await asEditor(CREATE_ENTITY, { input: newEntity() }));
    expect(problems).toEqual([{ path: ['input', 'sources', 0, 'sourceId'], message: expect.stringMatching(/has no stored text .* load its dataset again/) }]);
  });
});

describe('updateEntity', () => {
  it("changes the fields given in curation's claim, clears those given as null, keeps the rest, and keeps the seed's claim beside it", async () => {
    const response = await asEditor(UPDATE_ENTITY, {
      input: { id: 'torugart-pass', description: 'A pass on the road from Naryn to Kashgar.', category: null, aliases: ['Turugart'], sources: [{ quote: QUOTES[1], sourceId: ARTICLE }] },
    });
    const { entity } = dataOf<{ updateEntity: { entity: Entity } }>(response).updateEntity;
    // Curation's values come first; its aliases and quotes add to the seed's, which stay.
    expect(entity).toMatchObject({ id: 'torugart-pass', kind: 'Pass', name: 'Torugart Pass', description: 'A pass on the road from Naryn to Kashgar.', category: null });
    expect(entity.aliases).toEqual(['Torugart', 'Turugart Pass', 'Turugart']);
    expect(entity.sources).toEqual([{ quote: 'Torugart Pass (road)', sourceId: ARTICLE }, { quote: QUOTES[1], sourceId: ARTICLE }]);
    expect(await storedEntity('torugart-pass')).toMatchObject({ dataset: 'curation', datasets: ['curation', 'china-kyrgyzstan-border'] });
    const { entity: claimed } = dataOf<{ entity: { claims: { dataset: string; description: string; aliases: string[]; sources: { quote: string }[] }[] } }>(
      await graphql('{ entity(id: "torugart-pass") { claims { dataset description aliases sources { quote } } } }'),
    );
    expect(claimed.claims).toEqual([
      { dataset: 'curation', description: 'A pass on the road from Naryn to Kashgar.', aliases: ['Turugart'], sources: [{ quote: QUOTES[1] }] },
      { dataset: 'china-kyrgyzstan-border', description: 'A mountain pass and road crossing of the border.', aliases: ['Torugart', 'Turugart Pass', 'Turugart'], sources: [{ quote: 'Torugart Pass (road)' }] },
    ]);
    // Its relations are untouched.
    const { entity: pass } = dataOf<{ entity: { relations: { totalCount: number } } }>(await graphql('{ entity(id: "torugart-pass") { relations { totalCount } } }'));
    expect(pass.relations.totalCount).toBeGreaterThan(0);
  });

  it.each([
    ['null for a required field', { id: 'torugart-pass', name: null }, 'BAD_USER_INPUT', ['input', 'name']],
    ['no sources left', { id: 'torugart-pass', sources: [] }, 'BAD_USER_INPUT', ['input', 'sources']],
    ['an unknown id', { id: 'no-such-pass', name: 'X' }, 'NOT_FOUND', ['input', 'id']],
    ['a source document', { id: ARTICLE, name: 'X' }, 'BAD_USER_INPUT', ['input', 'id']],
  ])('refuses %s, nothing written', async (_case, input, code, path) => {
    const before = await snapshot(driver);
    const error = errorOf(await asEditor(UPDATE_ENTITY, { input }));
    expect(error.code).toBe(code);
    expect(error.problems?.map((p) => p.path)).toEqual([path]);
    expect(await snapshot(driver)).toEqual(before);
  });
});

describe('createRelation, updateRelation, deleteRelation', () => {
  it('creates a relation between existing entities, readable from both ends', async () => {
    const before = await snapshot(driver);
    const { relation } = dataOf<{ createRelation: { relation: Relation } }>(await asEditor(CREATE_RELATION, { input: newRelation() })).createRelation;
    expect(relation).toMatchObject({ relationId: NEW_RELATION_ID, type: 'ADJACENT_TO', role: 'east', from: { id: 'naryn-region' }, to: { id: 'issyk-kul-region' } });
    const stored = await storedRelation(NEW_RELATION_ID);
    expect(stored).toMatchObject({ dataset: 'curation', sourceIds: [ARTICLE] });
    await expectOnlyAdded(before, { nodes: 0, relations: 1, hashes: [String(stored?.hash)] });
    const { entity } = dataOf<{ entity: { relations: { edges: { relationId: string; direction: string }[] } } }>(
      await graphql('{ entity(id: "issyk-kul-region") { relations(types: [ADJACENT_TO]) { edges { relationId direction } } } }'),
    );
    expect(entity.relations.edges).toContainEqual({ relationId: NEW_RELATION_ID, direction: 'IN' });
  });

  it.each([
    ['a type that may not join these kinds', { type: 'SIGNED', from: 'torugart-pass', to: 'china-kyrgyzstan-border-agreement-2009' }, ['input', 'type'], /SIGNED may not join a Pass to a Treaty/],
    ['an unknown end', { to: 'atlantis' }, ['input', 'to'], /unknown id "atlantis"/],
    ['an unknown effectTo', { effectTo: 'atlantis' }, ['input', 'effectTo'], /unknown id "atlantis"/],
    ['a quote not in the source', { sources: [{ quote: 'Naryn borders Issyk-Kul.', sourceId: ARTICLE }] }, ['input', 'sources', 0, 'quote'], /not found verbatim/],
    ['a key that is not a slug', { key: 'Second one' }, ['input', 'key'], /a slug/],
  ])('refuses %s: BAD_USER_INPUT at the field, nothing written', async (_case, overrides, path, message) => {
    const before = await snapshot(driver);
    const { code, problems } = errorOf(await asEditor(CREATE_RELATION, { input: newRelation(overrides) }));
    expect(code).toBe('BAD_USER_INPUT');
    expect(problems).toEqual([{ path, message: expect.stringMatching(message) }]);
    expect(await snapshot(driver)).toEqual(before);
  });

  it('refuses a second relation of the same type between the same ends unless it has its own key', async () => {
    dataOf(await asEditor(CREATE_RELATION, { input: newRelation() }));
    const { problems } = errorOf(await asEditor(CREATE_RELATION, { input: newRelation({ note: 'Again.' }) }));
    expect(problems).toEqual([{ path: ['input', 'key'], message: expect.stringMatching(/exists already .*distinct key/) }]);
    const keyed = dataOf<{ createRelation: { relation: Relation } }>(await asEditor(CREATE_RELATION, { input: newRelation({ key: 'second' }) }));
    expect(keyed.createRelation.relation.relationId).toBe(`${NEW_RELATION_ID}--second`);
  });

  it('updates the qualifiers of a seed relation, keeping its ends, type and id', async () => {
    const relationId = 'china-kyrgyzstan-border--separates--china';
    const { relation } = dataOf<{ updateRelation: { relation: Relation } }>(
      await asEditor(UPDATE_RELATION, { input: { relationId, note: 'The eastern side.', time: { start: '1991', precision: 'YEAR' } } }),
    ).updateRelation;
    expect(relation).toMatchObject({ relationId, type: 'SEPARATES', note: 'The eastern side.', time: { precision: 'YEAR', text: null }, from: { id: 'china-kyrgyzstan-border' }, to: { id: 'china' } });
    expect(relation.sources).toEqual([{ quote: 'The China–Kyrgyzstan border is 1063 km in length', sourceId: ARTICLE }]);
    expect(await storedRelation(relationId)).toMatchObject({ dataset: 'curation', note: 'The eastern side.', startYear: 1991 });
  });

  it.each([
    ['an id that is no relation id', 'kyrgyzstan', 'BAD_USER_INPUT'],
    ['an unknown relation', 'china--signed--atlantis', 'NOT_FOUND'],
  ])('refuses to update or delete %s', async (_case, relationId, code) => {
    const before = await snapshot(driver);
    for (const [query, input] of [[UPDATE_RELATION, { relationId, note: 'x' }], [DELETE_RELATION, { relationId }]] as const) {
      const error = errorOf(await asEditor(query, { input }));
      expect(error.code).toBe(code);
      expect(error.problems?.[0]?.path).toEqual(['input', 'relationId']);
    }
    expect(await snapshot(driver)).toEqual(before);
  });

  it('deletes a relation, and only it', async () => {
    const before = await snapshot(driver);
    const relationId = 'china-kyrgyzstan-border--separates--china';
    const hash = String((await storedRelation(relationId))?.hash);
    expect(dataOf(await asEditor(DELETE_RELATION, { input: { relationId } }))).toEqual({ deleteRelation: { relationId } });
    const after = await snapshot(driver);
    expect(after.relations).toBe(before.relations - 1);
    expect([...after.hashes, hash].sort()).toEqual(before.hashes);
    expect(errorOf(await asEditor(DELETE_RELATION, { input: { relationId } })).code).toBe('NOT_FOUND');
  });
});

describe('attachSource', () => {
  it('adds a quote to an entity, and attaching it again changes nothing', async () => {
    const input = { entityId: 'kyrgyzstan', source: { quote: QUOTES[3], sourceId: ARTICLE } };
    const first = dataOf<{ attachSource: { entity: Entity; relation: null } }>(await asEditor(ATTACH_SOURCE, { input })).attachSource;
    expect(first.relation).toBeNull();
    expect(first.entity.sources.at(-1)).toEqual({ quote: QUOTES[3], sourceId: ARTICLE });
    const stored = await storedEntity('kyrgyzstan');
    const again = dataOf<{ attachSource: { entity: Entity } }>(await asEditor(ATTACH_SOURCE, { input })).attachSource;
    expect(again.entity.sources).toEqual(first.entity.sources);
    expect(await storedEntity('kyrgyzstan')).toEqual(stored);
  });

  it('adds a quote to a relation', async () => {
    const relationId = 'china-kyrgyzstan-border--separates--china';
    const { attachSource } = dataOf<{ attachSource: { entity: null; relation: Relation } }>(
      await asEditor(ATTACH_SOURCE, { input: { relationId, source: { quote: QUOTES[2], sourceId: ARTICLE } } }),
    );
    expect(attachSource.entity).toBeNull();
    expect(attachSource.relation.sources.map((s) => s.quote)).toEqual(['The China–Kyrgyzstan border is 1063 km in length', QUOTES[2]]);
  });

  it('loses no quote when editors attach at the same moment', async () => {
    const quotes = QUOTES.slice(1);
    const responses = await Promise.all(quotes.map((quote) => asEditor(ATTACH_SOURCE, { input: { entityId: 'kyrgyzstan', source: { quote, sourceId: ARTICLE } } })));
    for (const response of responses) dataOf(response);
    const stored = await storedEntity('kyrgyzstan');
    expect(stored?.sourceQuotes).toEqual(expect.arrayContaining([...quotes]));
  });

  it.each([
    ['a quote not in the source', { entityId: 'kyrgyzstan', source: { quote: 'Kyrgyzstan is an island.', sourceId: ARTICLE } }, 'BAD_USER_INPUT', ['input', 'source', 'quote']],
    ['an unknown source', { entityId: 'kyrgyzstan', source: { quote: QUOTES[3], sourceId: 'no-such-document' } }, 'BAD_USER_INPUT', ['input', 'source', 'sourceId']],
    ['neither an entity nor a relation', { source: { quote: QUOTES[3], sourceId: ARTICLE } }, 'BAD_USER_INPUT', ['input']],
    ['both an entity and a relation', { entityId: 'kyrgyzstan', relationId: 'china-kyrgyzstan-border--separates--china', source: { quote: QUOTES[3], sourceId: ARTICLE } }, 'BAD_USER_INPUT', ['input']],
    ['an unknown entity', { entityId: 'atlantis', source: { quote: QUOTES[3], sourceId: ARTICLE } }, 'NOT_FOUND', ['input', 'entityId']],
  ])('refuses %s, nothing written', async (_case, input, code, path) => {
    const before = await snapshot(driver);
    const error = errorOf(await asEditor(ATTACH_SOURCE, { input }));
    expect(error.code).toBe(code);
    expect(error.problems?.map((p) => p.path)).toEqual([path]);
    expect(await snapshot(driver)).toEqual(before);
  });
});

/** An executor whose write transaction fails right after the query `failAfter`, having first run `probe` inside it. */
class FailingExecutor extends CypherExecutor {
  probed: unknown[] = [];

  constructor(
    driver: Driver,
    private readonly failAfter: string,
    private readonly probe: CypherQuery<Record<string, never>, { n: number }>,
  ) {
    super(driver, { database: inject('neo4j').database, timeoutMs: 10_000 });
  }

  override write<T>(work: (tx: WriteTransaction) => Promise<T>): Promise<T> {
    return super.write((tx) =>
      work({
        run: async <P extends Record<string, unknown>, R>(query: CypherQuery<P, R>, params: P): Promise<R[]> => {
          const rows = await tx.run(query, params);
          if (query.name === this.failAfter) {
            this.probed = await tx.run(this.probe, {});
            throw new Error(`injected failure after ${query.name}`);
          }
          return rows;
        },
      }),
    );
  }
}

describe('each write is one transaction', () => {
  it('leaves the graph unchanged when an entity write fails after the entity was written', async () => {
    const before = await snapshot(driver);
    const probe = cypher<Record<string, never>, { n: number }>('test.countRidges', `MATCH (e:Entity {id: 'curated-ridges'}) RETURN count(e) AS n`);
    const executor = new FailingExecutor(driver, 'ingest.upsertRegion', probe);
    await expect(createEntity(executor, entityDraft(serviceInput()), { editor: 'alice' })).rejects.toThrow(/injected failure/);
    expect(executor.probed).toEqual([{ n: 1 }]);
    expect(await snapshot(driver)).toEqual(before);
  });

  it('leaves the graph unchanged when a relation write fails after the relation was written', async () => {
    const before = await snapshot(driver);
    const probe = cypher<Record<string, never>, { n: number }>('test.countRelation', `MATCH ()-[r {id: '${NEW_RELATION_ID}'}]->() RETURN count(r) AS n`);
    const executor = new FailingExecutor(driver, 'ingest.upsertADJACENT_TO', probe);
    await expect(createRelation(executor, relationDraft(newRelation() as CreateRelationInput), { editor: 'alice' })).rejects.toThrow(/injected failure/);
    expect(executor.probed).toEqual([{ n: 1 }]);
    expect(await snapshot(driver)).toEqual(before);
  });
});

describe('the audit record of a write', () => {
  it('is written in the same transaction: a write that fails after recording its change leaves no record', async () => {
    const count = cypher<Record<string, never>, { n: number }>('test.countRidgeChanges', `MATCH (c:Change) WHERE 'curated-ridges' IN c.ids RETURN count(c) AS n`);
    // Earlier tests' records of the same id stay in the log.
    const [before] = await testExecutor(driver).read(count, {});
    const executor = new FailingExecutor(driver, 'changes.record', count);
    await expect(createEntity(executor, entityDraft(serviceInput()), { editor: 'alice' })).rejects.toThrow(/injected failure/);
    expect(executor.probed).toEqual([{ n: (before?.n ?? 0) + 1 }]);
    expect(await testExecutor(driver).read(count, {})).toEqual([before]);
  });
});

describe('curated facts and the loader', () => {
  it('keep what curation wrote when the seed is loaded again', async () => {
    dataOf(await asEditor(CREATE_ENTITY, { input: newEntity() }));
    dataOf(await asEditor(CREATE_RELATION, { input: newRelation() }));
    dataOf(await asEditor(CREATE_RELATION, { input: newRelation({ type: 'WITHIN', from: 'curated-ridges', to: 'kyrgyzstan', role: null, note: null }) }));
    const before = await snapshot(driver);
    await loadSeed(driver);
    expect(await snapshot(driver)).toEqual(before);
    expect(await storedEntity('curated-ridges')).toMatchObject({ dataset: 'curation' });
    expect(await storedRelation(NEW_RELATION_ID)).toMatchObject({ dataset: 'curation' });
  });

  it('keep a curated change when a dataset that also defines the entity is loaded again, and give the entity back when curation is removed', async () => {
    const seeded = await storedEntity('torugart-pass');
    dataOf(await asEditor(UPDATE_ENTITY, { input: { id: 'torugart-pass', description: 'Curated.' } }));
    const curated = await storedEntity('torugart-pass');
    expect(curated).toMatchObject({ description: 'Curated.', dataset: 'curation' });
    const report = await loadDataset(testExecutor(driver), SEED_DIR);
    expect(report.entities).toMatchObject({ updated: 0, removed: 0 });
    expect(await storedEntity('torugart-pass')).toEqual(curated);
    await unloadDatasets(testExecutor(driver), ['curation']);
    expect(await storedEntity('torugart-pass')).toEqual(seeded);
  });

  it('refuses a dataset that calls itself "curation", which would remove curated facts on load', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'tianshan-dataset-'));
    await cp(INVENTED_DIR, dir, { recursive: true });
    const file = path.join(dir, 'dataset.yaml');
    await writeFile(file, (await readFile(file, 'utf8')).replace(/^id: .*$/m, 'id: curation'));
    await expect(readDataset(dir)).rejects.toThrow(FixtureError);
    await expect(readDataset(dir)).rejects.toThrow(/"curation" is reserved/);
  });
});

describe('hostile strings', () => {
  // Each is stored literally in every free-text field and read back exactly, and nothing else changes.
  const HOSTILE = [
    `') DETACH DELETE n //`,
    'MATCH (n) DETACH DELETE n',
    `"}) WITH 1 AS x MATCH (n) DETACH DELETE n RETURN x //`,
    '`Entity`:`Source` } SET e.dataset = null //',
    `$id $props {.*} \\' \\" \\\\ ; DROP CONSTRAINT entity_id`,
    'Ürümqi — 烏魯木齊 🏔️ \u200d \u202e reversed',
    'tab\tand\nnew line',
    '<script>alert(1)</script> ${process.exit(1)}',
  ];

  it.each(HOSTILE)('stores %j literally in an entity', async (hostile) => {
    const before = await snapshot(driver);
    const input = newEntity({
      name: hostile,
      aliases: [hostile, 'plain'],
      description: hostile,
      category: hostile,
      status: hostile,
      time: { start: '1996', precision: 'YEAR', text: hostile },
      quantities: [{ name: hostile, value: 1, unit: hostile }],
    });
    const { entity } = dataOf<{ createEntity: { entity: Entity } }>(await asEditor(CREATE_ENTITY, { input })).createEntity;
    expect(entity).toMatchObject({ name: hostile, aliases: [hostile, 'plain'], description: hostile, category: hostile, status: hostile, time: { text: hostile }, quantities: [{ name: hostile, unit: hostile }] });
    const stored = await storedEntity('curated-ridges');
    expect(stored).toMatchObject({ name: hostile, description: hostile, category: hostile, status: hostile, timeText: hostile, aliases: [hostile, 'plain'] });
    await expectOnlyAdded(before, { nodes: 1, relations: 0, hashes: [String(stored?.hash)] });
  });

  it.each(HOSTILE)('stores %j literally in a relation', async (hostile) => {
    const before = await snapshot(driver);
    const input = newRelation({ role: hostile, effect: hostile, note: hostile, time: { end: '2009', precision: 'YEAR', text: hostile } });
    const { relation } = dataOf<{ createRelation: { relation: Relation } }>(await asEditor(CREATE_RELATION, { input })).createRelation;
    expect(relation).toMatchObject({ role: hostile, effect: hostile, note: hostile, time: { text: hostile } });
    const stored = await storedRelation(NEW_RELATION_ID);
    expect(stored).toMatchObject({ role: hostile, effect: hostile, note: hostile, timeText: hostile });
    await expectOnlyAdded(before, { nodes: 0, relations: 1, hashes: [String(stored?.hash)] });
  });

  it('stores a verbatim quote with an apostrophe and a dash literally', async () => {
    const { entity } = dataOf<{ createEntity: { entity: Entity } }>(
      await asEditor(CREATE_ENTITY, { input: newEntity({ sources: [{ quote: QUOTES[5], sourceId: ARTICLE }, { quote: QUOTES[1], sourceId: ARTICLE }] }) }),
    ).createEntity;
    expect(entity.sources.map((s) => s.quote)).toEqual([QUOTES[5], QUOTES[1]]);
  });

  const [injection] = HOSTILE as [string];
  it.each([
    ['createEntity id', CREATE_ENTITY, { input: newEntity({ id: injection }) }, 'BAD_USER_INPUT', ['input', 'id']],
    ['createEntity sourceId', CREATE_ENTITY, { input: newEntity({ sources: [{ quote: QUOTES[0], sourceId: injection }] }) }, 'BAD_USER_INPUT', ['input', 'sources', 0, 'sourceId']],
    ['createEntity quote', CREATE_ENTITY, { input: newEntity({ sources: [{ quote: injection, sourceId: ARTICLE }] }) }, 'BAD_USER_INPUT', ['input', 'sources', 0, 'quote']],
    ['createRelation from', CREATE_RELATION, { input: newRelation({ from: injection }) }, 'BAD_USER_INPUT', ['input', 'from']],
    ['createRelation to', CREATE_RELATION, { input: newRelation({ to: injection }) }, 'BAD_USER_INPUT', ['input', 'to']],
    ['createRelation key', CREATE_RELATION, { input: newRelation({ key: injection }) }, 'BAD_USER_INPUT', ['input', 'key']],
    ['createRelation effectFrom', CREATE_RELATION, { input: newRelation({ effectFrom: injection }) }, 'BAD_USER_INPUT', ['input', 'effectFrom']],
    ['updateEntity id', UPDATE_ENTITY, { input: { id: injection, name: 'x' } }, 'NOT_FOUND', ['input', 'id']],
    ['updateRelation relationId', UPDATE_RELATION, { input: { relationId: injection, note: 'x' } }, 'BAD_USER_INPUT', ['input', 'relationId']],
    ['updateRelation effectTo', UPDATE_RELATION, { input: { relationId: 'china-kyrgyzstan-border--separates--china', effectTo: injection } }, 'BAD_USER_INPUT', ['input', 'effectTo']],
    ['deleteRelation relationId', DELETE_RELATION, { input: { relationId: `china-kyrgyzstan-border--separates--china' OR 1=1 //` } }, 'BAD_USER_INPUT', ['input', 'relationId']],
    ['attachSource entityId', ATTACH_SOURCE, { input: { entityId: injection, source: { quote: QUOTES[3], sourceId: ARTICLE } } }, 'NOT_FOUND', ['input', 'entityId']],
    ['attachSource sourceId', ATTACH_SOURCE, { input: { entityId: 'kyrgyzstan', source: { quote: QUOTES[3], sourceId: injection } } }, 'BAD_USER_INPUT', ['input', 'source', 'sourceId']],
  ])('refuses an injection in %s as the bad value it is', async (_case, query, variables, code, path) => {
    const before = await snapshot(driver);
    const error = errorOf(await asEditor(query, variables));
    expect(error.code).toBe(code);
    expect(error.problems?.map((p) => p.path)).toContainEqual(path);
    expect(await snapshot(driver)).toEqual(before);
  });

  // Every free-text argument, as [mutation, variables with the value in place, path of the field].
  const FIELDS: [string, string, (value: string) => Record<string, unknown>, unknown[]][] = [
    ['name', CREATE_ENTITY, (v) => ({ input: newEntity({ name: v }) }), ['input', 'name']],
    ['aliases', CREATE_ENTITY, (v) => ({ input: newEntity({ aliases: [v] }) }), ['input', 'aliases', 0]],
    ['description', CREATE_ENTITY, (v) => ({ input: newEntity({ description: v }) }), ['input', 'description']],
    ['category', CREATE_ENTITY, (v) => ({ input: newEntity({ category: v }) }), ['input', 'category']],
    ['status', CREATE_ENTITY, (v) => ({ input: newEntity({ status: v }) }), ['input', 'status']],
    ['time.text', CREATE_ENTITY, (v) => ({ input: newEntity({ time: { start: '1996', precision: 'YEAR', text: v } }) }), ['input', 'time', 'text']],
    ['quantities.name', CREATE_ENTITY, (v) => ({ input: newEntity({ quantities: [{ name: v, value: 1, unit: 'km' }] }) }), ['input', 'quantities', 0, 'name']],
    ['quantities.unit', CREATE_ENTITY, (v) => ({ input: newEntity({ quantities: [{ name: 'length', value: 1, unit: v }] }) }), ['input', 'quantities', 0, 'unit']],
    ['sources.quote', CREATE_ENTITY, (v) => ({ input: newEntity({ sources: [{ quote: v, sourceId: ARTICLE }] }) }), ['input', 'sources', 0, 'quote']],
    ['updateEntity description', UPDATE_ENTITY, (v) => ({ input: { id: 'kyrgyzstan', description: v } }), ['input', 'description']],
    ['relation role', CREATE_RELATION, (v) => ({ input: newRelation({ role: v }) }), ['input', 'role']],
    ['relation effect', CREATE_RELATION, (v) => ({ input: newRelation({ effect: v }) }), ['input', 'effect']],
    ['relation note', CREATE_RELATION, (v) => ({ input: newRelation({ note: v }) }), ['input', 'note']],
    ['updateRelation note', UPDATE_RELATION, (v) => ({ input: { relationId: 'china-kyrgyzstan-border--separates--china', note: v } }), ['input', 'note']],
    ['attachSource quote', ATTACH_SOURCE, (v) => ({ input: { entityId: 'kyrgyzstan', source: { quote: v, sourceId: ARTICLE } } }), ['input', 'source', 'quote']],
  ];
  const UNSTORABLE: [string, string, RegExp][] = [
    ['10,001 characters', 'x'.repeat(10_001), /at most 10000 characters/],
    ['50 kB', 'y'.repeat(50_000), /at most 10000 characters/],
    ['a lone surrogate', 'half \ud83c of an emoji', /lone surrogate/],
    ['a null byte', 'null\u0000byte', /control character/],
    ['an escape character', 'bell\u0007 and \u001b[31mred', /control character/],
  ];

  it.each(UNSTORABLE.flatMap(([what, value, message]) => FIELDS.map(([field, query, variables, path]) => [what, field, query, variables(value), path, message] as const)))(
    'refuses %s in %s: BAD_USER_INPUT at the field, nothing written',
    async (_what, _field, query, variables, path, message) => {
      const before = await snapshot(driver);
      const { code, problems } = errorOf(await asEditor(query, variables));
      expect(code).toBe('BAD_USER_INPUT');
      expect(problems).toContainEqual({ path, message: expect.stringMatching(message) });
      expect(await snapshot(driver)).toEqual(before);
    },
  );

  it('accepts a string of exactly the longest length, and reads it back whole', async () => {
    const longest = 'z'.repeat(10_000);
    const { entity } = dataOf<{ createEntity: { entity: Entity } }>(await asEditor(CREATE_ENTITY, { input: newEntity({ description: longest }) })).createEntity;
    expect(entity.description).toBe(longest);
  });

  it('refuses 100 kB strings before they reach Neo4j: over HTTP, and in the service itself', async () => {
    const before = await snapshot(driver);
    const huge = 'w'.repeat(100 * 1024);
    const overHttp = await asEditor(CREATE_ENTITY, { input: newEntity({ description: huge }) });
    // The HTTP policy's body limit (another layer) may refuse the request before curation sees it.
    expect(['DOCUMENT_TOO_LARGE', 'BAD_USER_INPUT']).toContain(errorOf(overHttp).code);
    const direct = createEntity(testExecutor(driver), entityDraft(serviceInput({ description: huge })), { editor: 'alice' });
    await expect(direct).rejects.toBeInstanceOf(InvalidInput);
    await expect(direct).rejects.toMatchObject({ problems: [{ path: ['input', 'description'], message: 'at most 10000 characters' }] });
    expect(await snapshot(driver)).toEqual(before);
  });
});

describe('double-dated time spans', () => {
  const doubleDated = (start: string) =>
    newEntity({
      id: 'curated-double-dated',
      kind: 'Treaty',
      name: 'A double-dated treaty',
      aliases: [],
      category: 'treaty',
      status: null,
      quantities: [],
      time: { start, startJulian: '1881-02-12', precision: 'DAY', text: '12 (24) February 1881' },
      sources: [{ quote: QUOTES[5], sourceId: ARTICLE }],
    });

  it('keeps both dates and the wording, and answers as of the Gregorian day', async () => {
    const created = await asEditor(
      'mutation ($input: CreateEntityInput!) { createEntity(input: $input) { entity { time { start { iso } startJulian { iso day } precision text } } } }',
      { input: doubleDated('1881-02-24') },
    );
    expect(dataOf<{ createEntity: { entity: { time: unknown } } }>(created).createEntity.entity.time).toEqual({
      start: { iso: '1881-02-24' },
      startJulian: { iso: '1881-02-12', day: 12 },
      precision: 'DAY',
      text: '12 (24) February 1881',
    });
    const held = async (asOf: string) => {
      const { treaties } = dataOf<{ treaties: { edges: { held: string; node: { id: string } }[] } }>(
        await graphql('query ($asOf: String) { treaties(asOf: $asOf, first: 100) { edges { held node { id } } } }', { asOf }),
      );
      return treaties.edges.find((edge) => edge.node.id === 'curated-double-dated')?.held;
    };
    // The Julian 12 February is the Gregorian 24th: in force from that day, not from the 12th.
    expect(await held('1881-02-12')).toBeUndefined();
    expect(await held('1881-02-23')).toBeUndefined();
    expect(await held('1881-02-24')).toBe('CERTAIN');
    expect(await held('1881-02')).toBe('CERTAIN');
  });

  it('refuses a Julian date that is not the same day as its bound, giving the Gregorian date', async () => {
    const before = await snapshot(driver);
    const response = await asEditor(CREATE_ENTITY, { input: doubleDated('1881-02-12') });
    expect(errorOf(response)).toMatchObject({
      code: 'BAD_USER_INPUT',
      problems: [{ path: ['input', 'time', 'startJulian'], message: '1881-02-12 in the Julian calendar is 1881-02-24 in the Gregorian calendar, which the bound itself must give, not 1881-02-12' }],
    });
    expect(await snapshot(driver)).toEqual(before);
  });
});
