import { getIntrospectionQuery, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../../schema/index.ts';
import { EXAMPLE_QUERY } from '../../server/example-query.ts';
import { DEFAULT_POLICY } from '../../server/http-policy.ts';
import { UNBOUNDED_LIST_SIZE, operationCost } from '../../server/plugins/operation-cost.ts';

const cost = (query: string, variableValues?: Record<string, unknown>, operationName?: string) =>
  operationCost({ schema, document: parse(query), variableValues, operationName });

describe('operation cost: the most objects an answer can hold', () => {
  it('counts objects, not scalars', () => {
    expect(cost('{ stats { entityCount relationCount } }')).toBe(1);
    expect(cost('{ __typename }')).toBe(0);
    // The connection, then 5 edges each with its node.
    expect(cost('{ treaties(first: 5) { totalCount edges { node { id name } } } }')).toBe(1 + 5 * 2);
  });

  it('sizes a page by `first` given literally, as a variable, by the variable default or by the argument default', () => {
    const page = 'edges { node { id } }';
    expect(cost(`query ($n: Int) { treaties(first: $n) { ${page} } }`, { n: 50 })).toBe(1 + 50 * 2);
    expect(cost(`query ($n: Int = 7) { treaties(first: $n) { ${page} } }`)).toBe(1 + 7 * 2);
    expect(cost(`{ treaties { ${page} } }`)).toBe(1 + 20 * 2);
    expect(cost(`{ treaties(first: null) { ${page} } }`)).toBe(1 + 20 * 2);
  });

  it('multiplies nested lists', () => {
    const relations = 1 + 10 * 2; // a relation page of 10, each edge with its node
    const entity = 1 + relations;
    expect(cost('{ entities(first: 10) { edges { node { relations(first: 10) { edges { node { id } } } } } } }')).toBe(1 + 10 * (1 + entity));
  });

  it('sizes `nodes(ids:)` by its ids and unbounded lists by an estimate', () => {
    expect(cost('{ nodes(ids: ["a", "b", "c"]) { id } }')).toBe(3);
    expect(cost('query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: ['a', 'b'] })).toBe(2);
    expect(cost('{ path(from: "a", to: "b") { length nodes { id } } }')).toBe(UNBOUNDED_LIST_SIZE * (1 + UNBOUNDED_LIST_SIZE));
  });

  it('counts fragments on different types as alternatives, and follows named fragments', () => {
    const signed = 'signed(first: 30) { nodes { id } }';
    const one = cost(`{ node(id: "x") { ... on State { ${signed} } } }`);
    expect(one).toBe(1 + 1 + 30);
    expect(cost(`{ node(id: "x") { ... on State { ${signed} } ... on Empire { ${signed} } } }`)).toBe(one);
    expect(cost(`query { node(id: "x") { ...S } } fragment S on State { ${signed} }`)).toBe(one);
  });

  it('leaves out what @skip and @include leave out', () => {
    const query = 'query ($on: Boolean!) { treaties(first: 50) @include(if: $on) { edges { node { id } } } stats { entityCount } }';
    expect(cost(query, { on: false })).toBe(1);
    expect(cost(query, { on: true })).toBe(1 + 50 * 2 + 1);
    expect(cost('{ stats @skip(if: true) { entityCount } }')).toBe(0);
  });

  it('counts introspection like any other query, so its endless nesting has a price', () => {
    const nested = '{ __schema { types { fields { type { fields { type { fields { type { fields { name } } } } } } } } } }';
    expect(cost(nested)).toBeGreaterThan(DEFAULT_POLICY.limits.maxCost);
  });

  it('takes linear time on fragments spread many times over', () => {
    const fragments = ['fragment F0 on Query { stats { entityCount } }'];
    for (let level = 1; level <= 40; level += 1) fragments.push(`fragment F${level} on Query { ...F${level - 1} ...F${level - 1} }`);
    const started = performance.now();
    expect(cost(`{ ...F40 } ${fragments.join(' ')}`)).toBe(2 ** 40);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('has no answer when execution would refuse the operation anyway', () => {
    expect(cost('query ($n: Int) { treaties(first: $n) { totalCount } }', { n: 'many' })).toBeUndefined();
    expect(cost('query A { stats { entityCount } } query B { stats { entityCount } }')).toBeUndefined();
    expect(cost('query A { stats { entityCount } } query B { stats { entityCount } }', undefined, 'B')).toBe(1);
  });
});

describe('the default limits', () => {
  const introspection = getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true, oneOf: true });

  it('let through the example query, GraphiQL\'s introspection and the heaviest query of the API tests', () => {
    const heaviest = `{ treaties(first: 100) { edges { node { name
      parties { edges { role node { name ... on State { signed { nodes { name } } } ... on Empire { signed { nodes { name } } } } } } } } } }`;
    for (const query of [EXAMPLE_QUERY, introspection, heaviest]) {
      expect(cost(query)).toBeLessThanOrEqual(DEFAULT_POLICY.limits.maxCost);
    }
    expect(cost(heaviest)).toBe(46_301);
  });
});
