import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSeed, testDriver } from '../support/database.ts';
import { dataOf, testApp } from '../support/app.ts';

let driver: Driver;
let graphql: ReturnType<typeof testApp>['graphql'];

beforeAll(async () => {
  driver = testDriver();
  await loadSeed(driver);
  graphql = testApp(driver).graphql;
});
afterAll(() => driver.close());

type Page<T> = { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: T[] };
type Named = { id: string; name: string };

describe('treaties', () => {
  it('answers the Ili basin question with the treaties that adjusted or delimited it or the valley within it', async () => {
    const result = await graphql('{ treaties(affecting: "Ili basin") { totalCount edges { node { id name } } } }');
    const { treaties } = dataOf<{ treaties: Page<{ node: Named }> }>(result);
    // Date order; the later protocols are undated in the article, so they come last.
    expect(treaties.edges.map((e) => e.node.id)).toEqual([
      'treaty-of-saint-petersburg-1881',
      'ili-dzungarian-alatau-agreement-1915',
      'saint-petersburg-later-protocols',
    ]);
    expect(treaties.totalCount).toBe(3);
  });

  it('takes an id, a name or an alias in any case', async () => {
    for (const affecting of ['ili-river-basin', 'ILI RIVER BASIN', 'ili basin']) {
      const { treaties } = dataOf<{ treaties: { totalCount: number } }>(await graphql('query ($a: String) { treaties(affecting: $a) { totalCount } }', { a: affecting }));
      expect(treaties.totalCount).toBe(3);
    }
  });

  it('filters by parties and years, in date order, and pages with stable cursors', async () => {
    const all = dataOf<{ treaties: Page<{ node: Named & { time: { start: { year: number } } } }> }>(
      await graphql('{ treaties(between: ["russian-empire", "Qing Empire"], from: 1850, to: 1900) { totalCount edges { node { id name time { start { year } } } } } }'),
    ).treaties;
    const years = all.edges.map((e) => e.node.time.start.year);
    expect(years).toEqual([...years].sort((a, b) => a - b));
    expect(years.every((y) => y >= 1850 && y <= 1900)).toBe(true);
    expect(all.edges.map((e) => e.node.id)).toContain('treaty-of-tarbagatai-1864');

    const first = dataOf<{ treaties: Page<{ node: Named }> }>(await graphql('{ treaties(first: 2) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }')).treaties;
    expect(first.edges).toHaveLength(2);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const next = dataOf<{ treaties: Page<{ node: Named }> }>(
      await graphql('query ($after: String) { treaties(first: 2, after: $after) { edges { node { id } } } }', { after: first.pageInfo.endCursor }),
    ).treaties;
    const whole = dataOf<{ treaties: Page<{ node: Named }> }>(await graphql('{ treaties(first: 4) { edges { node { id } } } }')).treaties;
    expect([...first.edges, ...next.edges].map((e) => e.node.id)).toEqual(whole.edges.map((e) => e.node.id));
  });

  it('walks parties and their relations with typed fields, qualifiers and sources', async () => {
    const { entity } = dataOf<{ entity: { name: string; parties: { nodes: Named[] }; affects: { edges: { type: string; effect: string | null; effectTo: Named | null; sources: { quote: string }[] }[] } } }>(
      await graphql(`{ entity(id: "china-kyrgyzstan-border-agreement-2009") { name ... on Treaty {
        parties { nodes { id name } }
        affects { edges { type effect effectTo { id name } sources { quote source { id } } } } } } }`),
    );
    expect(entity.parties.nodes.map((n) => n.id).sort()).toEqual(['china', 'kyrgyzstan']);
    const cession = entity.affects.edges.find((e) => e.type === 'CEDES' && e.effectTo?.id === 'china');
    expect(cession?.sources[0]?.quote).toMatch(/Uzengi-Kush/);
  });
});

describe('relations(types:, direction:)', () => {
  it('filters by the types a client lists, with one statement text whatever the list', async () => {
    const { graphql: ask, queries } = testApp(driver);
    const ask2009 = async (types: string, direction: string) => {
      const { entity } = dataOf<{ entity: { relations: { totalCount: number; edges: { type: string; direction: string }[] } } }>(
        await ask(`{ entity(id: "china-kyrgyzstan-border-agreement-2009") { relations(types: ${types}, direction: ${direction}) { totalCount edges { type direction } } } }`),
      );
      return { ...entity.relations, text: queries.at(-1)?.text };
    };
    const cessions = await ask2009('[CEDES]', 'OUT');
    expect(cessions.totalCount).toBe(2);
    expect(new Set(cessions.edges.map((e) => `${e.type} ${e.direction}`))).toEqual(new Set(['CEDES OUT']));
    const signatures = await ask2009('[SIGNED, DOES_NOT_RECOGNISE]', 'IN');
    expect(new Set(signatures.edges.map((e) => e.type))).toEqual(new Set(['SIGNED', 'DOES_NOT_RECOGNISE']));
    const everything = await ask2009('[]', 'BOTH');
    expect(everything.totalCount).toBeGreaterThan(cessions.totalCount + signatures.totalCount);
    const effects = await ask2009('[CEDES, DELIMITS]', 'OUT');
    expect(new Set(effects.edges.map((e) => e.type))).toEqual(new Set(['CEDES', 'DELIMITS']));
    // Same direction, other types: the same statement, so clients cannot fill Neo4j's plan cache.
    expect(effects.text).toBe(cessions.text);
  });
});

describe('search', () => {
  it('tolerates typos and ranks with a score', async () => {
    const { search } = dataOf<{ search: Page<{ score: number; node: Named }> }>(await graphql('{ search(query: "Irkestam") { totalCount edges { score node { id name } } } }'));
    expect(search.edges[0]?.node.id).toBe('irkeshtam-pass');
    const scores = search.edges.map((e) => e.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('filters by kind', async () => {
    const { search } = dataOf<{ search: Page<{ node: { kind: string } }> }>(await graphql('{ search(query: "border", kinds: ["Treaty"]) { edges { node { kind } } } }'));
    expect(search.edges.length).toBeGreaterThan(0);
    expect(new Set(search.edges.map((e) => e.node.kind))).toEqual(new Set(['Treaty']));
  });
});

describe('entity, entities, node, nodes', () => {
  it('fetches by id and by name, and refetches through node', async () => {
    const data = dataOf<{ a: Named; b: Named; node: Named; nodes: (Named | null)[] }>(
      await graphql('{ a: entity(id: "bedel-pass") { id name } b: entity(id: "Irkestam pass") { id name } node(id: "tian-shan") { id ... on Entity { name } } nodes(ids: ["kyrgyzstan", "no-such-id"]) { id } }'),
    );
    expect(data.a.id).toBe('bedel-pass');
    expect(data.b.id).toBe('irkeshtam-pass');
    expect(data.node.name).toMatch(/Tian Shan/);
    expect(data.nodes).toEqual([{ id: 'kyrgyzstan' }, null]);
  });

  it('lists entities of one kind with totalCount', async () => {
    const { entities } = dataOf<{ entities: Page<{ node: { kind: string } }> }>(await graphql('{ entities(kind: "pass", first: 2) { totalCount edges { node { kind } } } }'));
    expect(entities.totalCount).toBe(3);
    expect(entities.edges.map((e) => e.node.kind)).toEqual(['Pass', 'Pass']);
  });

  it('gives structured time spans with precision and the source wording', async () => {
    const { entity } = dataOf<{ entity: { time: { start: { year: number }; end: { year: number }; precision: string; text: string } } }>(
      await graphql('{ entity(id: "dungan-revolt") { time { start { year } end { year } precision text } } }'),
    );
    expect(entity.time).toEqual({ start: { year: 1862 }, end: { year: 1877 }, precision: 'YEAR', text: '1862–77' });
  });
});

describe('timeline, path, stats', () => {
  it('orders dated entities and relations, around one entity when asked', async () => {
    const { timeline } = dataOf<{ timeline: Page<{ year: number; entity: Named | null; relation: { type: string } | null }> }>(
      await graphql('{ timeline(involving: "bedel-pass", first: 50) { totalCount edges { year entity { id name } relation { type } } } }'),
    );
    const years = timeline.edges.map((e) => e.year);
    expect(years).toEqual([...years].sort((a, b) => a - b));
    expect(timeline.edges.map((e) => e.entity?.id)).toEqual(expect.arrayContaining(['bedel-pass-reopening-2024', 'bedel-pass-full-development']));
    const ranged = dataOf<{ timeline: Page<{ year: number; time: { end: { year: number } | null } }> }>(
      await graphql('{ timeline(from: 1990, to: 2000, first: 100) { edges { year time { end { year } } } } }'),
    ).timeline;
    expect(ranged.edges.length).toBeGreaterThan(0);
    // Everything shown overlaps 1990–2000: it began by 2000 and had not ended before 1990.
    for (const edge of ranged.edges) {
      expect(edge.year).toBeLessThanOrEqual(2000);
      expect(edge.time.end?.year ?? edge.year).toBeGreaterThanOrEqual(1990);
    }
  });

  it('finds the shortest connections between two entities', async () => {
    const { path } = dataOf<{ path: { length: number; nodes: Named[]; relations: { type: string; from: Named; to: Named }[] }[] }>(
      await graphql('{ path(from: "azimbek-beknazarov", to: "china", maxHops: 4) { length nodes { id } relations { type from { id } to { id } } } }'),
    );
    expect(path.length).toBeGreaterThan(0);
    for (const p of path) {
      expect(p.nodes[0]?.id).toBe('azimbek-beknazarov');
      expect(p.nodes.at(-1)?.id).toBe('china');
      expect(p.relations).toHaveLength(p.length);
    }
  });

  it('counts entities and relations by kind', async () => {
    const { stats } = dataOf<{ stats: { entityCount: number; relationCount: number; entities: { kind: string; count: number }[] } }>(
      await graphql('{ stats { entityCount relationCount entities { kind count } } }'),
    );
    const { records } = await driver.executeQuery('MATCH (e:Entity) RETURN count(e) AS n');
    expect(stats.entityCount).toBe(records[0]?.get('n'));
    expect(stats.entities.find((e) => e.kind === 'Pass')?.count).toBe(3);
    expect(stats.relationCount).toBeGreaterThan(100);
  });
});

describe('round-trips', () => {
  it('are bounded by the depth of the query, not by the number of rows', async () => {
    const result = await graphql(`{ treaties(first: 100) { edges { node { name
      parties { edges { role node { name ... on State { signed { nodes { name } } } ... on Empire { signed { nodes { name } } } } } } } } } }`);
    const data = dataOf<{ treaties: Page<{ node: { parties: Page<{ node: { signed?: { nodes: Named[] } } }> } }> }>(result);
    const parties = data.treaties.edges.flatMap((e) => e.node.parties.edges);
    expect(parties.length).toBeGreaterThan(10);
    // Three levels (treaties, their parties, the parties' treaties), read in one statement (schema/relation-plan.ts).
    expect(result.roundTrips).toBe(1);
  });
});

describe('references resolved inside the query', () => {
  it('answer path, timeline and treaties(affecting:, between:) by name in one round-trip, as by id', async () => {
    const pairs = [
      ['{ treaties(affecting: "Ili basin") { totalCount edges { node { id } } } }', '{ treaties(affecting: "ili-river-basin") { totalCount edges { node { id } } } }'],
      ['{ treaties(between: ["Russian Empire", "QING EMPIRE"]) { totalCount edges { node { id } } } }', '{ treaties(between: ["russian-empire", "qing-empire"]) { totalCount edges { node { id } } } }'],
      ['{ timeline(involving: "BEDEL PASS", first: 50) { totalCount edges { year entity { id } } } }', '{ timeline(involving: "bedel-pass", first: 50) { totalCount edges { year entity { id } } } }'],
      ['{ path(from: "Azimbek Beknazarov", to: "People\'s Republic of China") { nodes { id } } }', '{ path(from: "azimbek-beknazarov", to: "china") { nodes { id } } }'],
    ];
    for (const [byName, byId] of pairs) {
      const [named, identified] = [await graphql(String(byName)), await graphql(String(byId))];
      expect(named.errors, byName).toBeUndefined();
      expect(named.data, byName).toEqual(identified.data);
      expect(JSON.stringify(named.data)).toMatch(/"id":/);
      expect([named.roundTrips, identified.roundTrips], byName).toEqual([1, 1]);
    }
  });

  it('explain a reference that names no single entity, per argument', async () => {
    const cases = [
      ['{ path(from: "china", to: "Kyrgyzstn") { length } }', 'NOT_FOUND', /`to`: nothing is called "Kyrgyzstn"\. Did you mean .*Kyrgyzstan/],
      ['{ path(from: "Azimbek Beknazarv", to: "china") { length } }', 'NOT_FOUND', /`from`: .*Azimbek Beknazarov/],
      ['{ path(from: "china", to: "People\'s Republic of China") { length } }', 'BAD_USER_INPUT', /same entity/],
      ['{ timeline(involving: "Bedel Pas") { totalCount } }', 'NOT_FOUND', /`involving`: .*Bedel Pass/],
      ['{ treaties(between: ["russian-empire", "Qing Empir"]) { totalCount } }', 'NOT_FOUND', /`between`: nothing is called "Qing Empir".*Qing/],
      ['{ treaties(between: ["russian-empire", "Ili Valley"]) { totalCount } }', 'BAD_USER_INPUT', /`between`: "Ili Valley" is a Region; expected a State or Empire/],
    ] as const;
    for (const [query, code, message] of cases) {
      const result = await graphql(query);
      expect(result.errors?.[0]?.extensions?.code, query).toBe(code);
      expect(result.errors?.[0]?.message, query).toMatch(message);
      expect(Object.values(result.data ?? {}).every((value) => value === null), query).toBe(true);
    }
  });
});

describe('errors', () => {
  it('AMBIGUOUS lists the candidates', async () => {
    // Two entities share no name in the seed, so ask through a name the test data makes ambiguous.
    await driver.executeQuery(`CREATE (:Entity:Region {id: 'test-ambiguous-a', kind: 'Region', name: 'Twin Valley', aliases: [], aliasText: '', description: 'x', sourceIds: [], sourceQuotes: []}),
                                      (:Entity:Region {id: 'test-ambiguous-b', kind: 'Region', name: 'Twin Valley', aliases: [], aliasText: '', description: 'y', sourceIds: [], sourceQuotes: []})`);
    try {
      for (const query of [
        '{ treaties(affecting: "twin valley") { totalCount } }',
        '{ timeline(involving: "Twin Valley") { totalCount } }',
        '{ path(from: "china", to: "twin valley") { length } }',
      ]) {
        const result = await graphql(query);
        expect(result.errors?.[0]?.extensions?.code, query).toBe('AMBIGUOUS');
        expect(result.errors?.[0]?.extensions?.candidates, query).toHaveLength(2);
        expect(result.errors?.[0]?.message, query).toMatch(/test-ambiguous-a/);
      }
    } finally {
      await driver.executeQuery(`MATCH (e:Entity) WHERE e.id STARTS WITH 'test-ambiguous' DETACH DELETE e`);
    }
  });

  it('NOT_FOUND gives the nearest names', async () => {
    const result = await graphql('{ treaties(affecting: "Ili vally") { totalCount } }');
    expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(result.errors?.[0]?.message).toMatch(/Ili Valley/);
  });

  it('BAD_USER_INPUT for bad arguments, with no Cypher or stack trace', async () => {
    const cases = [
      '{ treaties(first: 101) { totalCount } }',
      '{ treaties(after: "bm90IGEgY3Vyc29y") { totalCount } }',
      '{ path(from: "china", to: "kyrgyzstan", maxHops: 7) { length } }',
      '{ search(query: "!!!") { totalCount } }',
      '{ entities(kind: "Planet") { totalCount } }',
      '{ treaties(affecting: "Azimbek Beknazarov") { totalCount } }',
    ];
    for (const query of cases) {
      const result = await graphql(query);
      expect(result.errors?.[0]?.extensions?.code, query).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(result.errors)).not.toMatch(/MATCH|stack|at .*\.ts/);
    }
  });
});
