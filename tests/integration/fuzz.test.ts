import {
  getNamedType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
} from 'graphql';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../../schema/index.ts';
import { loadConfig } from '../../server/config.ts';
import { DEFAULT_POLICY, appPolicy } from '../../server/http-policy.ts';
import { testApp } from '../support/app.ts';
import { loadSeed, snapshot, testDriver } from '../support/database.ts';

/**
 * Hostile requests, generated from a seeded PRNG so any failure can be replayed: set FUZZ_SEED to
 * the seed printed with it. Everything runs in process through `app.fetch`: no port, no network.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20_260_611);
const REQUESTS = 1_200;
const CONCURRENT = 6;
const REQUEST_TIMEOUT_MS = 15_000;

/** mulberry32: small, fast and good enough to spread requests over the generators. */
class Random {
  #state: number;
  constructor(seed: number) {
    this.#state = seed >>> 0;
  }
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }
  word(length: number): string {
    return Array.from({ length }, () => String.fromCharCode(this.int(97, 122))).join('');
  }
}

/** What injection attempts against Cypher, Lucene, templates, paths and parsers look like. */
const HOSTILE_STRINGS = [
  "china' OR 1=1 --",
  '"}) MATCH (n) DETACH DELETE n //',
  "'}) WITH 1 AS x CALL db.labels() YIELD label RETURN label //",
  '`) RETURN 1 UNION MATCH (n) SET n.name = "pwned" //',
  '$from',
  '*:*',
  'name:* OR aliasText:*',
  'ili~2~2~2^999',
  '"unterminated',
  '\\',
  '+-&&||!(){}[]^"~*?:\\/',
  '((((((((((',
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  '%00%0d%0a',
  '\u0000\u0001\u001f',
  '\u202e\u200b\ufeff',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🏔️ 天山',
  '\ud800',
  '${jndi:ldap://example.invalid/a}',
  '{{7*7}}',
  '__proto__',
  'constructor',
  '',
  ' \n\t ',
  'x'.repeat(10_000),
  'ili '.repeat(2_000),
];
const REAL_IDS = ['china', 'kyrgyzstan', 'ili-river-basin', 'treaty-of-tarbagatai-1864', 'Irkestam pass'];
const INTS = [0, 1, -1, 7, 20, 100, 101, 2_147_483_647, -2_147_483_648];
const ODD_VALUES: readonly unknown[] = [null, 1.5, -1, 2 ** 31, 2 ** 53, '1', 'NaN', true, {}, [], [[1]], { a: { b: { c: 1 } } }, 'x'.repeat(5_000), 'SIGNED', 'both'];
/** Server-side text that must never reach a client (unless the client sent it itself). */
const LEAK_MARKERS = ['    at ', '.ts:', 'node_modules', 'Neo4jError', 'Neo.ClientError', 'Neo.DatabaseError', 'Neo.TransientError', 'MATCH (', 'RETURN ', 'UNWIND ', 'OPTIONAL MATCH'];

interface Probe {
  readonly kind: string;
  readonly app: 'development' | 'production' | 'trusted';
  readonly url: string;
  readonly init: RequestInit;
}

const ENDPOINT = 'http://test/graphql';
const json = (body: string | Uint8Array<ArrayBuffer>, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body,
});

// ---- values of any input type, hostile where they are strings ----

function hostileValue(r: Random, type: GraphQLInputType, argument: string): unknown {
  if (isNonNullType(type)) return hostileValue(r, type.ofType, argument);
  if (r.chance(0.05)) return null;
  if (isListType(type)) {
    const length = argument === 'ids' || argument === 'between' ? r.int(0, 120) : r.int(0, 3);
    return Array.from({ length }, () => hostileValue(r, type.ofType, argument));
  }
  if (isEnumType(type)) return r.pick(type.getValues()).name;
  if (isInputObjectType(type)) {
    return Object.fromEntries(
      Object.values(type.getFields())
        .filter((field) => isNonNullType(field.type) || r.chance(0.5))
        .map((field) => [field.name, hostileValue(r, field.type, field.name)]),
    );
  }
  switch (type.name) {
    case 'Int':
      return r.pick(INTS);
    case 'Float':
      return r.pick([0, -1.5, 1e308, 3.14]);
    case 'Boolean':
      return r.chance(0.5);
    default:
      return r.chance(0.2) ? r.pick(REAL_IDS) : r.pick(HOSTILE_STRINGS);
  }
}

/** A GraphQL literal for `value`, which `hostileValue` made for `type`. */
function literal(value: unknown, type: GraphQLInputType): string {
  if (value === null) return 'null';
  if (isNonNullType(type)) return literal(value, type.ofType);
  if (isListType(type)) return `[${(value as unknown[]).map((item) => literal(item, type.ofType)).join(', ')}]`;
  if (isEnumType(type)) return String(value);
  if (isInputObjectType(type)) {
    const fields = type.getFields();
    return `{ ${Object.entries(value as Record<string, unknown>)
      .map(([name, item]) => `${name}: ${literal(item, fields[name]?.type ?? type)}`)
      .join(', ')} }`;
  }
  // JSON strings and numbers are GraphQL literals too.
  return JSON.stringify(value);
}

/** A call of one root field with hostile arguments, inline or as variables. */
function rootFieldCall(r: Random, operation: 'query' | 'mutation', rootType: GraphQLObjectType): { query: string; variables: Record<string, unknown> } {
  const field: GraphQLField<unknown, unknown> = r.pick(Object.values(rootType.getFields()));
  const asVariables = r.chance(0.5);
  const definitions: string[] = [];
  const variables: Record<string, unknown> = {};
  const args = field.args
    .filter((arg) => isNonNullType(arg.type) || r.chance(0.7))
    .map((arg) => {
      const value = hostileValue(r, arg.type, arg.name);
      if (!asVariables) return `${arg.name}: ${literal(value, arg.type)}`;
      definitions.push(`$${arg.name}: ${String(arg.type)}`);
      variables[arg.name] = value;
      return `${arg.name}: $${arg.name}`;
    });
  const selection = isCompositeType(getNamedType(field.type)) ? ' { __typename }' : '';
  const header = definitions.length > 0 ? `${operation} (${definitions.join(', ')})` : operation;
  return { query: `${header} { ${field.name}${args.length > 0 ? `(${args.join(', ')})` : ''}${selection} }`, variables };
}

// ---- the generators: one kind of hostile request each ----

const VALID_QUERY = '{ entity(id: "china") { id name } }';

const generators: Record<string, (r: Random) => Omit<Probe, 'kind' | 'app'>> = {
  brokenJson(r) {
    const valid = JSON.stringify({ query: VALID_QUERY, variables: {} });
    const body = r.pick([
      () => valid.slice(0, r.int(0, valid.length - 1)),
      () => {
        const at = r.int(0, valid.length - 1);
        return valid.slice(0, at) + r.pick(['{', '}', '[', '"', ':', ',', '\\', '\u0000', '\ud800']) + valid.slice(at + 1);
      },
      () => {
        const bytes = new Uint8Array(r.int(1, 2_000));
        for (let i = 0; i < bytes.length; i += 1) bytes[i] = r.int(0, 255);
        return bytes;
      },
      () => r.pick(['null', '1', '"query"', 'true', '[]', '[[[[', '{}', '{"query": {"query": "{ __typename }"}}', `\ufeff${valid}`, `${valid}${valid}`]),
      () => '['.repeat(r.int(1_000, 50_000)),
    ])();
    return { url: ENDPOINT, init: json(body) };
  },

  wrongContentType(r) {
    const contentType = r.pick([
      'text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=----x', 'application/graphql',
      'application/json; charset=latin1', 'APPLICATION/JSON', 'application/json, text/plain', 'image/png', 'application/octet-stream', '',
    ]);
    const headers: Record<string, string> = { 'content-type': contentType, ...(r.chance(0.5) ? { 'x-graphql-csrf': '1' } : {}) };
    return { url: ENDPOINT, init: { method: 'POST', headers, body: r.chance(0.5) ? JSON.stringify({ query: VALID_QUERY }) : `query=${encodeURIComponent(VALID_QUERY)}` } };
  },

  hugeDocument(r) {
    const depth = r.int(5, 400);
    const query = r.pick([
      () => `{ entities { nodes { ${'relations { nodes { '.repeat(depth)}id${' } }'.repeat(depth)} } } }`,
      () => `{ a: ${'__typename '.repeat(r.int(500, 20_000))} }`,
      () => `{ entity(id: ${'['.repeat(depth)}"x"${']'.repeat(depth)}) { id } }`,
      () => `{ ${Array.from({ length: r.int(10, 400) }, (_, i) => `a${i}: entity(id: "china") { id }`).join(' ')} }`,
      () => `{ entity(id: "china") { ${'name @include(if: true) '.repeat(r.int(10, 500))} } }`,
      () => `{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }`,
      () => Array.from({ length: r.int(2, 60) }, (_, i) => `query Q${i} { entity(id: "china") { id } }`).join(' '),
      () => `# ${'x'.repeat(r.int(50_000, 300_000))}\n${VALID_QUERY}`,
      () => `{ search(query: ${JSON.stringify('word '.repeat(r.int(100, 30_000)))}) { totalCount } }`,
      () => `{ entities(first: 100) { nodes { relations(first: 100) { nodes { relations(first: 100) { nodes { id } } } } } } }`,
    ])();
    return { url: ENDPOINT, init: json(JSON.stringify({ query })) };
  },

  unknownFields(r) {
    const name = r.word(r.int(1, 12));
    const query = r.pick([
      `{ ${name} }`,
      `{ entity(id: "china") { ${name} } }`,
      `{ treaties { edges { node { ${name}(x: 1) } } } }`,
      `{ entities(${name}: 1) { totalCount } }`,
      `{ ... on ${name} { id } }`,
      `{ entity(id: "china") @${name} { id } }`,
      `{ entity(id: $${name}) { id } }`,
      `query { __schema { types { ${name} } } }`,
      `subscription { ${name} }`,
    ]);
    return { url: ENDPOINT, init: json(JSON.stringify({ query, operationName: r.chance(0.2) ? name : undefined })) };
  },

  wrongVariableTypes(r) {
    const query = `query ($first: Int, $id: ID!, $types: [RelationType!], $direction: RelationDirection, $on: Boolean!) {
      entity(id: $id) { relations(first: $first, types: $types, direction: $direction) @include(if: $on) { totalCount } } }`;
    const variables = Object.fromEntries(['first', 'id', 'types', 'direction', 'on'].filter(() => r.chance(0.8)).map((name) => [name, r.pick(ODD_VALUES)]));
    return { url: ENDPOINT, init: json(JSON.stringify({ query, variables: r.chance(0.1) ? r.pick(ODD_VALUES) : variables })) };
  },

  batched(r) {
    const batch = Array.from({ length: r.int(1, 40) }, () => (r.chance(0.8) ? { query: VALID_QUERY } : r.pick(ODD_VALUES)));
    return { url: ENDPOINT, init: json(JSON.stringify(batch)) };
  },

  giantVariables(r) {
    const nest = (depth: number): unknown => {
      let value: unknown = 'bottom';
      for (let level = 0; level < depth; level += 1) value = r.chance(0.5) ? [value] : { a: value };
      return value;
    };
    const variables = r.pick([
      () => ({ id: 'x'.repeat(r.int(1_000, 300_000)) }),
      () => ({ id: nest(r.int(10, 3_000)) }),
      () => Object.fromEntries(Array.from({ length: r.int(100, 20_000) }, (_, i) => [`v${i}`, i])),
      () => ({ query: HOSTILE_STRINGS.join(' ').repeat(r.int(1, 20)) }),
    ])();
    const query = r.chance(0.5) ? 'query ($id: ID!) { entity(id: $id) { id } }' : 'query ($query: String!) { search(query: $query) { totalCount } }';
    return { url: ENDPOINT, init: json(JSON.stringify({ query, variables })) };
  },

  hostileArguments(r) {
    return { url: ENDPOINT, init: json(JSON.stringify(rootFieldCall(r, 'query', schema.getQueryType() as GraphQLObjectType))) };
  },

  mutations(r) {
    const mutationType = schema.getMutationType();
    const call = mutationType ? rootFieldCall(r, 'mutation', mutationType) : { query: 'mutation { __typename }', variables: {} };
    const authorization = r.pick([null, `Bearer ${r.word(40)}`, 'Bearer', 'Basic YWRtaW46YWRtaW4=', `Bearer ${'a'.repeat(10_000)}`]);
    return { url: ENDPOINT, init: json(JSON.stringify(call), authorization ? { authorization } : {}) };
  },

  methodsAndUrls(r) {
    const search = new URLSearchParams({ query: r.chance(0.7) ? VALID_QUERY : 'mutation { __typename }' });
    if (r.chance(0.3)) search.set('variables', r.pick(['{', 'null', '[]', '{"id": 1}', 'x'.repeat(200_000)]));
    if (r.chance(0.2)) search.set('extensions', r.pick(['{', '[]', '{"persistedQuery": {"version": 1, "sha256Hash": "x"}}']));
    const headers: Record<string, string> = r.chance(0.6) ? { 'x-graphql-csrf': '1' } : {};
    if (r.chance(0.3)) headers['accept'] = r.pick(['application/json', 'application/graphql-response+json', '*/*', 'text/xml', 'application/json;q=0']);
    const method = r.pick(['GET', 'GET', 'GET', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS']);
    const path = r.pick(['/graphql', '/graphql', '/graphql/', '/graphql/../graphql', '/%2e%2e/graphql', '/GRAPHQL']);
    const init: RequestInit = { method, headers, ...(['PUT', 'DELETE', 'PATCH'].includes(method) ? { body: JSON.stringify({ query: VALID_QUERY }) } : {}) };
    return { url: `http://test${path}?${search}`, init };
  },

  oddParameters(r) {
    const body = r.pick<Record<string, unknown>>([
      { query: VALID_QUERY, extra: 1 },
      { query: null },
      { query: [VALID_QUERY] },
      { query: 42 },
      { query: VALID_QUERY, variables: 'not an object' },
      { query: VALID_QUERY, operationName: 5 },
      { query: VALID_QUERY, operationName: 'Missing' },
      { query: VALID_QUERY, extensions: [] },
      { query: VALID_QUERY, extensions: { persistedQuery: { version: 1, sha256Hash: r.word(64) } } },
      { extensions: { persistedQuery: { version: 2, sha256Hash: 42 } } },
      { ['__proto__']: { query: VALID_QUERY } },
    ]);
    return { url: ENDPOINT, init: json(JSON.stringify(body)) };
  },
};
const KINDS = Object.keys(generators);

function probe(index: number): Probe {
  // One PRNG per request, so a failing request can be replayed from its seed and index alone.
  const r = new Random(SEED ^ Math.imul(index + 1, 0x9e3779b1));
  const kind = r.pick(KINDS);
  const app = r.chance(0.7) ? 'development' : r.chance(0.66) ? 'production' : 'trusted';
  const generate = generators[kind];
  if (!generate) throw new Error(`no generator ${kind}`);
  return { kind, app, ...generate(r) };
}

/** What is wrong with an answer, if anything. */
function problemWith(status: number, text: string, sent: string): string | undefined {
  if (status >= 500) return `HTTP ${status}`;
  const leak = LEAK_MARKERS.find((marker) => text.includes(marker) && !sent.includes(marker));
  if (leak) return `the body holds "${leak}"`;
  if (status >= 400 && status < 500 && text === '') return undefined;
  let body: { data?: unknown; errors?: { message?: unknown; extensions?: { code?: unknown } }[] };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    return `HTTP ${status} with a body that is not JSON: ${text.slice(0, 80)}`;
  }
  if (status >= 400 && status < 500) {
    return Array.isArray(body.errors) && body.errors.every((error) => typeof error.message === 'string') ? undefined : `HTTP ${status} without GraphQL errors`;
  }
  if (status !== 200) return `HTTP ${status}`;
  if (body.errors === undefined) return body.data === undefined ? 'neither data nor errors' : undefined;
  const codes = body.errors.map((error) => error.extensions?.code);
  if (codes.some((code) => typeof code !== 'string')) return `an error without a code: ${JSON.stringify(body.errors).slice(0, 200)}`;
  if (codes.includes('INTERNAL_SERVER_ERROR')) return `an unexpected (masked) error: ${JSON.stringify(body.errors).slice(0, 200)}`;
  return undefined;
}

function describeProbe(index: number, { kind, app, url, init }: Probe): string {
  const body = typeof init.body === 'string' ? init.body.slice(0, 160) : init.body ? '<bytes>' : '';
  return `#${index} (FUZZ_SEED=${SEED}) ${kind} → ${app}: ${init.method ?? 'GET'} ${url.slice(0, 120)} ${JSON.stringify(init.headers)} ${body}`;
}

let driver: Driver;

beforeAll(async () => {
  driver = testDriver();
  await loadSeed(driver);
});
afterAll(() => driver.close());

describe('fuzzing with hostile requests', () => {
  it(`answers ${REQUESTS} of them with a 4xx or coded GraphQL errors, leaks nothing and changes no data`, async () => {
    const apps = {
      development: testApp(driver).app,
      production: testApp(driver, { policy: { ...DEFAULT_POLICY, introspection: false } }).app,
      trusted: testApp(driver, { policy: appPolicy(loadConfig({ TRUSTED_DOCUMENTS: 'tests/fixtures/trusted-documents.json' })) }).app,
    };
    const before = await snapshot(driver);
    const problems: string[] = [];
    const statuses = new Map<number, number>();
    const started = performance.now();

    let next = 0;
    const worker = async () => {
      for (let index = next++; index < REQUESTS; index = next++) {
        const request = probe(index);
        const sent = `${request.url} ${typeof request.init.body === 'string' ? request.init.body : ''}`;
        let timer: NodeJS.Timeout | undefined;
        const timedOut = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)), REQUEST_TIMEOUT_MS);
        });
        try {
          const response = await Promise.race([apps[request.app].fetch(request.url, request.init), timedOut]);
          const text = await response.text();
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          const problem = problemWith(response.status, text, sent);
          if (problem) problems.push(`${problem}\n    ${describeProbe(index, request)}`);
        } catch (error) {
          problems.push(`threw ${error instanceof Error ? error.message : String(error)}\n    ${describeProbe(index, request)}`);
        } finally {
          clearTimeout(timer);
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENT }, worker));
    const seconds = (performance.now() - started) / 1_000;
    console.log(`fuzz: ${REQUESTS} requests (seed ${SEED}) in ${seconds.toFixed(1)} s; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`);

    expect(problems.slice(0, 20)).toEqual([]);
    expect(await snapshot(driver)).toEqual(before);
    // The health of the process afterwards: a plain query still answers.
    const after = await apps.development.fetch(ENDPOINT, json(JSON.stringify({ query: VALID_QUERY })));
    expect(await after.json()).toEqual({ data: { entity: { id: 'china', name: expect.any(String) } } });
  }, 120_000);
});
