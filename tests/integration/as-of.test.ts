// "As of a date" on the seed: which facts held, how sure each answer is, and what limits what. The seed dates
// the Russian Empire's control of Lake Zaysan "mid-19th century" (the 1840s to the 1860s), the Dungan revolt
// 1862–77, treaties by their year with no end, the polities by their background-note years, and leaves most of
// geography undated.
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

type Held = 'CERTAIN' | 'POSSIBLE' | 'UNDATED';
type Edge = { held: Held | null; node: { id: string } };

/** id → held of each edge, for one connection in the answer. */
const heldById = (edges: readonly Edge[]) => Object.fromEntries(edges.map((edge) => [edge.node.id, edge.held]));

async function controls(asOf: string, extra = ''): Promise<Record<string, Held | null>> {
  const { entity } = dataOf<{ entity: { controls: { edges: Edge[] } } }>(
    await graphql(`query ($asOf: String) { entity(id: "russian-empire") { ... on Empire { controls(asOf: $asOf${extra}) { edges { held node { id } } } } } }`, { asOf }),
  );
  return heldById(entity.controls.edges);
}

describe('precision', () => {
  it('"mid-19th century" possibly held in 1845 and 1865, certainly in the 1850s, not in 1870', async () => {
    expect(await controls('1845')).toEqual({ 'lake-zaysan': 'POSSIBLE', 'central-asia': 'POSSIBLE' });
    expect(await controls('1855')).toEqual({ 'lake-zaysan': 'CERTAIN', 'central-asia': 'CERTAIN' });
    expect(await controls('1865')).toEqual({ 'lake-zaysan': 'POSSIBLE', 'central-asia': 'POSSIBLE' });
    expect(await controls('1870')).toEqual({});
    expect(await controls('1845', ', certainty: CERTAIN')).toEqual({});
  });

  it('"1862–77" possibly held on a day of 1862 or 1877, certainly in 1870 (and in 1877, on one of its days), not in 1878', async () => {
    const revolt = async (asOf: string) => {
      const { entities } = dataOf<{ entities: { edges: Edge[] } }>(
        await graphql('query ($asOf: String) { entities(kinds: [Event], asOf: $asOf, first: 100) { edges { held node { id } } } }', { asOf }),
      );
      return heldById(entities.edges)['dungan-revolt'];
    };
    expect(await revolt('1862-06-01')).toBe('POSSIBLE');
    expect(await revolt('1870')).toBe('CERTAIN');
    expect(await revolt('1877-06-01')).toBe('POSSIBLE');
    expect(await revolt('1877')).toBe('CERTAIN');
    expect(await revolt('1878')).toBeUndefined();
  });

  it('a year is all of it: a treaty of 1881 certainly held in 1881, only possibly on a day of it', async () => {
    const inForce = async (asOf: string) => {
      const { treaties } = dataOf<{ treaties: { edges: Edge[] } }>(await graphql('query ($asOf: String) { treaties(asOf: $asOf, first: 100) { edges { held node { id } } } }', { asOf }));
      return heldById(treaties.edges);
    };
    expect((await inForce('1881'))['treaty-of-saint-petersburg-1881']).toBe('CERTAIN');
    expect((await inForce('1881-02-24'))['treaty-of-saint-petersburg-1881']).toBe('POSSIBLE');
    expect((await inForce('1881-02'))['treaty-of-saint-petersburg-1881']).toBe('POSSIBLE');
    expect((await inForce('1880'))['treaty-of-saint-petersburg-1881']).toBeUndefined();
    // No end recorded: a treaty stays in force from its year on.
    expect((await inForce('1900'))['treaty-of-tarbagatai-1864']).toBe('CERTAIN');
  });
});

describe('undated facts', () => {
  it('come marked UNDATED by default, and go with undated: EXCLUDE', async () => {
    const ask = (extra: string) =>
      graphql(`{ entity(id: "ili-valley") { ... on Region { within(asOf: "1900"${extra}) { edges { held node { id } } } } } }`);
    const included = dataOf<{ entity: { within: { edges: Edge[] } } }>(await ask(''));
    expect(heldById(included.entity.within.edges)).toEqual({ 'ili-river-basin': 'UNDATED' });
    const excluded = dataOf<{ entity: { within: { edges: Edge[] } } }>(await ask(', undated: EXCLUDE'));
    expect(excluded.entity.within.edges).toEqual([]);
    const certain = dataOf<{ entity: { within: { edges: Edge[] } } }>(await ask(', certainty: CERTAIN'));
    expect(heldById(certain.entity.within.edges)).toEqual({ 'ili-river-basin': 'UNDATED' });
  });

  it('are not "always": an undated treaty is UNDATED, never CERTAIN, in every year', async () => {
    for (const asOf of ['1700', '1900', '2020']) {
      const { treaties } = dataOf<{ treaties: { edges: Edge[] } }>(await graphql('query ($asOf: String) { treaties(asOf: $asOf, first: 100) { edges { held node { id } } } }', { asOf }));
      expect(heldById(treaties.edges)['saint-petersburg-later-protocols'], asOf).toBe('UNDATED');
    }
  });
});

describe("an entity's own span", () => {
  it('decides which polities existed: in 1881 the empires, not the Kirghiz SSR, the USSR or the PRC', async () => {
    const { entities } = dataOf<{ entities: { totalCount: number; edges: Edge[] } }>(
      await graphql('{ entities(kinds: [State, Empire], asOf: "1881", undated: EXCLUDE, first: 100) { totalCount edges { held node { id } } } }'),
    );
    expect(heldById(entities.edges)).toEqual({ 'qing-empire': 'CERTAIN', 'russian-empire': 'CERTAIN' });
    expect(entities.totalCount).toBe(2);
  });

  it('limits the relations it takes part in: the Kirghiz SSR had none in 1881, and the paths of 1881 avoid it', async () => {
    const data = dataOf<{ then: { relations: { totalCount: number } }; later: { relations: { edges: { held: Held; node: { id: string } }[] } } }>(
      await graphql(`{ then: entity(id: "kirghiz-ssr") { relations(asOf: "1881") { totalCount } }
                       later: entity(id: "kirghiz-ssr") { relations(asOf: "1950") { edges { held node { id } } } } }`),
    );
    expect(data.then.relations.totalCount).toBe(0);
    expect(heldById(data.later.relations.edges)).toMatchObject({ ussr: 'UNDATED' });
    const paths = dataOf<{ then: unknown[]; later: { held: Held; nodes: { id: string }[] }[] }>(
      await graphql(`{ then: path(from: "kirghiz-ssr", to: "ussr", asOf: "1881") { length }
                       later: path(from: "kirghiz-ssr", to: "ussr", asOf: "1950") { held nodes { id } } }`),
    );
    expect(paths.then).toEqual([]);
    expect(paths.later.map((p) => [p.held, p.nodes.map((n) => n.id)])).toEqual([['UNDATED', ['kirghiz-ssr', 'ussr']]]);
  });
});

describe('treaties(affecting:, asOf:)', () => {
  it('gives the treaties in force in the Ili basin, each with how sure it is', async () => {
    const ask = async (asOf: string) => {
      const { treaties } = dataOf<{ treaties: { edges: Edge[] } }>(
        await graphql('query ($asOf: String) { treaties(affecting: "Ili basin", asOf: $asOf) { edges { held node { id } } } }', { asOf }),
      );
      return heldById(treaties.edges);
    };
    expect(await ask('1900')).toEqual({ 'treaty-of-saint-petersburg-1881': 'CERTAIN', 'saint-petersburg-later-protocols': 'UNDATED' });
    expect(await ask('1920')).toEqual({
      'treaty-of-saint-petersburg-1881': 'CERTAIN',
      'ili-dzungarian-alatau-agreement-1915': 'CERTAIN',
      'saint-petersburg-later-protocols': 'UNDATED',
    });
    expect(await ask('1870')).toEqual({ 'saint-petersburg-later-protocols': 'UNDATED' });
  });
});

describe('snapshot', () => {
  type Entry = { held: Held; node: { id: string }; relation: { type: string } | null };
  type Snapshot = { held: Held | null; within: Entry[]; controlledBy: Entry[]; borders: Entry[]; treaties: Entry[]; polities: Entry[] };
  const ask = async (around: string, asOf: string) =>
    dataOf<{ snapshot: Snapshot }>(
      await graphql(
        `query ($around: ID!, $asOf: String!) { snapshot(around: $around, asOf: $asOf) { held
          within { held node { id } relation { type } } controlledBy { held node { id } relation { type } }
          borders { held node { id } relation { type } } treaties { held node { id } relation { type } } polities { held node { id } relation { type } } } }`,
        { around, asOf },
      ),
    ).snapshot;
  const ids = (entries: readonly Entry[]) => Object.fromEntries(entries.map((entry) => [entry.node.id, entry.held]));

  it('gives the state of things around Lake Zaysan before and after the border was drawn', async () => {
    const before = await ask('Lake Zaysan', '1855');
    expect(ids(before.controlledBy)).toEqual({ 'russian-empire': 'CERTAIN' });
    expect(before.borders).toEqual([]);
    expect(before.treaties).toEqual([]);
    expect(ids(before.polities)).toEqual({ 'russian-empire': 'CERTAIN' });
    const after = await ask('Lake Zaysan', '1870');
    expect(after.controlledBy).toEqual([]);
    expect(ids(after.borders)).toEqual({ 'russia-qing-border': 'CERTAIN' });
    // The seed records what the treaties of 1864 and 1870 did to the lake as AFFECTED: both count.
    expect(ids(after.treaties)).toEqual({ 'treaty-of-tarbagatai-1864': 'CERTAIN', 'treaty-of-uliastai-1870': 'CERTAIN' });
    expect(after.treaties.map((entry) => entry.relation?.type)).toEqual(['AFFECTED', 'AFFECTED']);
    expect(ids(after.polities)).toEqual({ 'russian-empire': 'CERTAIN', 'qing-empire': 'CERTAIN' });
  });

  it('is empty around the Kirghiz SSR in 1881, when it did not exist, and names the USSR in 1950', async () => {
    const then = await ask('Kirghiz SSR', '1881');
    expect(then).toEqual({ held: null, within: [], controlledBy: [], borders: [], treaties: [], polities: [] });
    const later = await ask('Kirghiz SSR', '1950');
    expect(later.held).toBe('CERTAIN');
    expect(ids(later.within)).toEqual({ ussr: 'UNDATED' });
    // Each polity's existence is the fact; the undated containment and border that lead to them limit nothing.
    expect(ids(later.polities)).toEqual({ 'kirghiz-ssr': 'CERTAIN', ussr: 'CERTAIN', china: 'CERTAIN' });
  });

  it('answers in one round-trip, resolving the name inside the statement', async () => {
    const result = await graphql('{ snapshot(around: "Ili basin", asOf: "1881") { treaties { node { id } } } }');
    expect(result.errors).toBeUndefined();
    expect(result.roundTrips).toBe(1);
  });
});

describe('bad dates', () => {
  it('are BAD_USER_INPUT naming the argument and the forms it takes', async () => {
    for (const asOf of ['1870-13', '1881-02-29', 'yesterday', '18700', '']) {
      const result = await graphql('query ($asOf: String) { treaties(asOf: $asOf) { totalCount } }', { asOf });
      expect(result.errors?.[0]?.extensions?.code, asOf).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0]?.message, asOf).toMatch(/^`asOf`: .* is not a date; give a year \("1870"\), a month \("1870-03"\) or a day \("1870-03-15"\)\.$/);
    }
  });
});
