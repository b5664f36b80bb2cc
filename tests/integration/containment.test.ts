// Containment at any depth on a real Neo4j: `within(transitive: true)` climbs the whole chain and
// `contains(transitive: true)` lists everything inside, each place once, at the depth of its shortest chain, up to
// the stated bound.
import { describe, expect, it } from 'vitest';
import { MAX_CONTAINMENT_DEPTH } from '../../cypher/containment.ts';
import { withTestGraph } from '../support/test-entities.ts';
import { dataOf, type testApp } from '../support/app.ts';

const DATASET = 'test-containment';

const graph = withTestGraph(DATASET);
const graphql: ReturnType<typeof testApp>['graphql'] = (...args) => graph.graphql(...args);

type Edge = { depth: number; type: string; node: { id: string } };
type Containment = { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: Edge[] };

const depths = (list: Containment) => list.edges.map((edge) => [edge.node.id, edge.depth]);

async function containment(id: string, field: 'within' | 'contains', args: string): Promise<Containment> {
  const call = args ? `${field}(${args})` : field;
  const query = `{ entity(id: "${id}") { ... on Region { ${call} { ...list } } ... on State { ${call} { ...list } } } }
    fragment list on RelationConnection { totalCount pageInfo { hasNextPage endCursor } edges { depth type node { id } } }`;
  return dataOf<{ entity: Record<string, Containment> }>(await graphql(query)).entity[field] as Containment;
}

describe('transitive containment', () => {
  it('climbs the whole chain with `within`, and lists everything within with `contains`, each with its depth', async () => {
    expect(depths(await containment('aksu-prefecture', 'within', ''))).toEqual([['xinjiang', 1]]);
    expect(depths(await containment('aksu-prefecture', 'within', 'transitive: true'))).toEqual([
      ['xinjiang', 1],
      ['china', 2],
    ]);
    const inside = await containment('china', 'contains', 'transitive: true');
    expect(depths(inside)).toEqual(expect.arrayContaining([['xinjiang', 1], ['aksu-prefecture', 2], ['kizilsu-prefecture', 2]]));
    // Nearest first, by default.
    expect(inside.edges.map((edge) => edge.depth)).toEqual(inside.edges.map((edge) => edge.depth).toSorted());
    expect(inside.edges.every((edge) => edge.type === 'WITHIN')).toBe(true);
  });

  it('reaches each place once, by its shortest chain, no deeper than the bound, and pages in any order', async () => {
    // A chain deeper than the bound, with a shortcut from its foot to its fourth place.
    const chain = Array.from({ length: MAX_CONTAINMENT_DEPTH + 5 }, (_, n) => `containment-test-${String(n).padStart(2, '0')}`);
    await graph.entities.insert('Region', chain.map((id, n) => ({ id, name: `Containment test ${String(n).padStart(2, '0')}` })));
    for (const [index, id] of chain.entries()) {
      const up = chain[index + 1];
      if (up) await graph.entities.relate('WITHIN', id, [up]);
    }
    await graph.entities.relate('WITHIN', 'containment-test-00', ['containment-test-03']);
    const [foot = '', top = ''] = [chain[0], chain.at(-1)];
    const up = await containment(foot, 'within', 'transitive: true, first: 100');
    const reached = new Map(up.edges.map((edge) => [edge.node.id, edge.depth]));
    expect(reached.get('containment-test-03')).toBe(1);
    expect(reached.get('containment-test-02')).toBe(2);
    expect(Math.max(...reached.values())).toBe(MAX_CONTAINMENT_DEPTH);
    expect(reached.has(top)).toBe(false);
    expect(up.totalCount).toBe(reached.size);
    expect(new Set(up.edges.map((edge) => edge.node.id)).size).toBe(up.edges.length);
    // Down from the top: everything within the bound, the deepest at MAX_CONTAINMENT_DEPTH.
    const down = await containment(top, 'contains', 'transitive: true, first: 100');
    expect(Math.max(...down.edges.map((edge) => edge.depth))).toBe(MAX_CONTAINMENT_DEPTH);
    // Pages of a transitive list, by name, descending: the same places, each once.
    const first = await containment(foot, 'within', 'transitive: true, first: 4, orderBy: {field: NAME, direction: DESC}');
    const rest = await containment(foot, 'within', `transitive: true, first: 100, after: "${first.pageInfo.endCursor}", orderBy: {field: NAME, direction: DESC}`);
    const byName = [...first.edges, ...rest.edges].map((edge) => edge.node.id);
    expect(byName).toEqual([...reached.keys()].toSorted().toReversed());
  });

  it('refuses `asOf` with `transitive`, naming the field that answers it', async () => {
    const response = await graphql('{ entity(id: "aksu-prefecture") { ... on Region { within(transitive: true, asOf: "1900") { totalCount } } } }');
    expect(response.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.message).toMatch(/snapshot/);
  });
});
