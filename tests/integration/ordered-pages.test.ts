// Ordered, two-way lists on a real Neo4j: `orderBy` on every orderable list, `last`/`before` on every list. Paging
// backwards gives the forward pages reversed; an insert between two pages neither skips nor repeats an item in
// either direction; undated items sort after the dated ones ascending and before them descending; a cursor of one
// order is refused in another.
import { describe, expect, it } from 'vitest';
import { withTestGraph } from '../support/test-entities.ts';
import { dataOf, type testApp } from '../support/app.ts';

const DATASET = 'test-ordered-pages';

const graph = withTestGraph(DATASET);
const graphql: ReturnType<typeof testApp>['graphql'] = (...args) => graph.graphql(...args);

type PageInfo = { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
type Page = { totalCount: number; pageInfo: PageInfo; ids: string[] };
type Window = { first?: number; last?: number; after?: string | null; before?: string | null };

/** A list as a test reads it: a query over `$first $last $after $before` and where its page sits in the answer. */
interface List {
  readonly name: string;
  readonly query: string;
  readonly page: (data: Record<string, unknown>) => { totalCount: number; pageInfo: PageInfo; edges: Record<string, unknown>[] };
}

const PAGE_ARGS = 'first: $first, last: $last, after: $after, before: $before';
const VARS = '$first: Int, $last: Int, $after: String, $before: String';
const PAGE_FIELDS = 'totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }';

const connection = (path: string[]) => (data: Record<string, unknown>) =>
  path.reduce<unknown>((value, key) => (value as Record<string, unknown>)[key], data) as ReturnType<List['page']>;

/** An item's identity, whatever the list: an entity's id, or a timeline relation's id. */
const idOf = (edge: Record<string, unknown>) => {
  const node = (edge['node'] ?? edge['entity']) as { id: string } | null;
  return node?.id ?? (edge['relation'] as { relationId: string }).relationId;
};

async function ask(list: List, window: Window): Promise<Page> {
  const data = dataOf<Record<string, unknown>>(await graphql(list.query, { first: null, last: null, after: null, before: null, ...window }));
  const { totalCount, pageInfo, edges } = list.page(data);
  return { totalCount, pageInfo, ids: edges.map(idOf) };
}

/** Every page of a list, forwards from its start or backwards from its end, in the order they were read. */
async function allPages(list: List, size: number, backward: boolean): Promise<Page[]> {
  const pages: Page[] = [];
  let cursor: string | null = null;
  for (let guard = 0; guard < 200; guard += 1) {
    const page = await ask(list, backward ? { last: size, before: cursor } : { first: size, after: cursor });
    pages.push(page);
    const more = backward ? page.pageInfo.hasPreviousPage : page.pageInfo.hasNextPage;
    if (!more) return pages;
    cursor = backward ? page.pageInfo.startCursor : page.pageInfo.endCursor;
  }
  throw new Error(`${list.name}: more than 200 pages`);
}

const LISTS: List[] = [
  {
    name: 'entities by name, descending',
    query: `query (${VARS}) { entities(kinds: [Region], orderBy: {field: NAME, direction: DESC}, ${PAGE_ARGS}) { ${PAGE_FIELDS} edges { node { id } } } }`,
    page: connection(['entities']),
  },
  {
    name: 'every entity by name',
    query: `query (${VARS}) { entities(${PAGE_ARGS}) { ${PAGE_FIELDS} edges { node { id } } } }`,
    page: connection(['entities']),
  },
  {
    name: 'entities by start year',
    query: `query (${VARS}) { entities(kinds: [State, Empire, Treaty], orderBy: {field: START}, ${PAGE_ARGS}) { ${PAGE_FIELDS} edges { node { id } } } }`,
    page: connection(['entities']),
  },
  {
    name: 'every entity by end year, descending',
    query: `query (${VARS}) { entities(orderBy: {field: END, direction: DESC}, ${PAGE_ARGS}) { ${PAGE_FIELDS} edges { node { id } } } }`,
    page: connection(['entities']),
  },
  {
    name: 'entities of one kind by start year, descending',
    query: `query (${VARS}) { entities(kinds: [Region], orderBy: {field: START, direction: DESC}, ${PAGE_ARGS}) { ${PAGE_FIELDS} edges { node { id } } } }`,
    page: connection(['entities']),
  },
  {
    name: 'entities by end year as of a date',
    query: `query (${VARS}) { entities(asOf: "1900", orderBy: {field: END, direction: DESC}, ${PAGE_ARGS}) { ${PAGE_FIELDS} edges { node { id } } } }`,
    page: connection(['entities']),
  },
  {
    name: 'treaties, latest first',
    query: `query (${VARS}) { treaties(orderBy: {field: START, direction: DESC}, ${PAGE_ARGS}) { ${PAGE_FIELDS} edges { node { id } } } }`,
    page: connection(['treaties']),
  },
  {
    name: 'treaties by name',
    query: `query (${VARS}) { treaties(orderBy: {field: NAME}, ${PAGE_ARGS}) { ${PAGE_FIELDS} edges { node { id } } } }`,
    page: connection(['treaties']),
  },
  {
    name: 'timeline by end year',
    query: `query (${VARS}) { timeline(orderBy: {field: END, direction: DESC}, ${PAGE_ARGS}) { ${PAGE_FIELDS} edges { entity { id } relation { relationId } } } }`,
    page: connection(['timeline']),
  },
  {
    name: "China's relations by name",
    query: `query (${VARS}) { entity(id: "china") { relations(orderBy: {field: NAME, direction: DESC}, ${PAGE_ARGS}) { ${PAGE_FIELDS} edges { node { id } } } } }`,
    page: connection(['entity', 'relations']),
  },
  {
    name: 'search hits',
    query: `query (${VARS}) { search(query: "border treaty", ${PAGE_ARGS}) { ${PAGE_FIELDS} edges { node { id } } } }`,
    page: connection(['search']),
  },
];

describe('ordered, two-way lists', () => {
  it.each(LISTS.map((list) => [list.name, list] as const))('%s: paging backwards gives the forward pages reversed', async (_name, list) => {
    const forward = await allPages(list, 4, false);
    const backward = await allPages(list, 4, true);
    const total = forward[0]?.totalCount ?? 0;
    expect(total).toBeGreaterThan(4);
    const items = forward.flatMap((page) => page.ids);
    expect(items).toHaveLength(total);
    expect(new Set(items).size).toBe(total);
    // Read backwards, the pages come last first, each in the list's order: reversed, they are the list.
    expect(backward.toReversed().flatMap((page) => page.ids)).toEqual(items);
    expect(backward[0]?.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    expect(backward.at(-1)?.pageInfo.hasPreviousPage).toBe(false);
    // The page before each forward page (`last` before its `startCursor`) is the forward page before it.
    for (let index = 1; index < forward.length; index += 1) {
      const page = forward[index];
      const previous = await ask(list, { last: 4, before: page?.pageInfo.startCursor });
      expect(previous.ids).toEqual(forward[index - 1]?.ids);
      expect(previous.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: index > 1 });
    }
    // Both cursors: what lies between them.
    const [first, second, third] = forward;
    if (first && second && third) {
      const between = await ask(list, { first: 100, after: first.pageInfo.endCursor, before: third.pageInfo.startCursor });
      expect(between.ids).toEqual(second.ids);
    }
  });

  it('DESC is ASC read from the end', async () => {
    const read = async (direction: string) =>
      dataOf<{ treaties: { nodes: { id: string }[] } }>(await graphql(`{ treaties(orderBy: {field: END, direction: ${direction}}, first: 100) { nodes { id } } }`)).treaties.nodes.map(
        (node) => node.id,
      );
    const ascending = await read('ASC');
    expect(ascending.length).toBeGreaterThan(3);
    expect(await read('DESC')).toEqual(ascending.toReversed());
  });

  it('an insert between pages neither skips nor repeats an item, backwards and in descending order', async () => {
    // Named to sort after every pass of the seed, so that the end of the list is ours.
    await graph.entities.insert('Pass', [1, 2, 3, 4, 5, 6, 7].map((n) => ({ id: `order-pass-${n}`, name: `Zzzz order pass ${n}` })));
    const passes = (window: Window, direction: string) =>
      ask(
        {
          name: 'passes',
          query: `query (${VARS}) { entities(kinds: [Pass], orderBy: {field: NAME, direction: ${direction}}, ${PAGE_ARGS}) { ${PAGE_FIELDS} edges { node { id } } } }`,
          page: connection(['entities']),
        },
        window,
      );
        // Backwards through the ascending list: the last three, then an insert on each side of the cursor.
    const last = await passes({ last: 3 }, 'ASC');
    expect(last.ids).toEqual(['order-pass-5', 'order-pass-6', 'order-pass-7']);
    await graph.entities.insert('Pass', [
      { id: 'order-pass-4b', name: 'Zzzz order pass 4b' },
      { id: 'order-pass-6b', name: 'Zzzz order pass 6b' },
    ]);
    const before = await passes({ last: 3, before: last.pageInfo.startCursor }, 'ASC');
    expect(before.ids).toEqual(['order-pass-3', 'order-pass-4', 'order-pass-4b']);
    expect(before.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true });
    // Forwards through the descending list, the same way.
    const latest = await passes({ first: 2 }, 'DESC');
    expect(latest.ids).toEqual(['order-pass-7', 'order-pass-6b']);
    await graph.entities.remove(['order-pass-6b']);
    await graph.entities.insert('Pass', [{ id: 'order-pass-5b', name: 'Zzzz order pass 5b' }]);
    const next = await passes({ first: 3, after: latest.pageInfo.endCursor }, 'DESC');
    expect(next.ids).toEqual(['order-pass-6', 'order-pass-5b', 'order-pass-5']);
    expect(next.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true });
  });

  it('undated items sort after the dated ones ascending, and before them descending', async () => {
    await graph.entities.insert('Treaty', [
      { id: 'order-treaty-dated', name: 'Aaa order treaty', year: 2100 },
      { id: 'order-treaty-undated', name: 'Aaa undated order treaty' },
    ]);
    for (const field of ['START', 'END']) {
      const ends = async (direction: string, window: string) =>
        dataOf<{ treaties: { nodes: { id: string; time: { text: string } | null }[] } }>(
          await graphql(`{ treaties(orderBy: {field: ${field}, direction: ${direction}}, ${window}) { nodes { id time { text } } } }`),
        ).treaties.nodes;
      // Ascending: the latest dated treaty, then the undated ones; descending, the undated ones first.
      const ascending = await ends('ASC', 'last: 100');
      const firstUndated = ascending.findIndex((node) => node.time === null);
      expect(ascending.slice(firstUndated).every((node) => node.time === null), field).toBe(true);
      expect(ascending.slice(firstUndated).map((node) => node.id), field).toContain('order-treaty-undated');
      expect(ascending[firstUndated - 1]?.id, field).toBe('order-treaty-dated');
      const descending = await ends('DESC', 'first: 100');
      expect(descending.map((node) => node.id), field).toEqual(ascending.map((node) => node.id).toReversed());
    }
    const entitiesByStart = dataOf<{ entities: { nodes: { id: string }[] } }>(
      await graphql('{ entities(kinds: [Treaty], orderBy: {field: START, direction: DESC}, first: 100) { nodes { id } } }'),
    ).entities.nodes.map((node) => node.id);
    expect(entitiesByStart.indexOf('order-treaty-undated')).toBeLessThan(entitiesByStart.indexOf('order-treaty-dated'));
  });

  it('refuse a cursor of another order, and `first` with `last`, as BAD_USER_INPUT', async () => {
    const { entities: byName } = dataOf<{ entities: { pageInfo: { endCursor: string } } }>(await graphql('{ entities(first: 2) { pageInfo { endCursor } } }'));
    const mixed = await graphql('query ($after: String) { entities(orderBy: {field: NAME, direction: DESC}, after: $after) { totalCount } }', { after: byName.pageInfo.endCursor });
    expect(mixed.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(mixed.errors?.[0]?.message).toMatch(/is a cursor of entities by name, id, but this list is ordered as entities by name, id, descending/);
    const before = await graphql('query ($before: String) { entities(orderBy: {field: START}, last: 2, before: $before) { totalCount } }', { before: byName.pageInfo.endCursor });
    expect(before.errors?.[0]?.message).toMatch(/^`before` is a cursor of entities by name, id/);
    const both = await graphql('{ treaties(first: 2, last: 2) { totalCount } }');
    expect(both.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(both.errors?.[0]?.message).toMatch(/not both/);
    const tooMany = await graphql('{ timeline(last: 1000) { totalCount } }');
    expect(tooMany.errors?.[0]?.message).toMatch(/`last` must be between 0 and 100/);
  });
});
