// What the app tells its operators: one JSON log line per request, a request id that reaches
// Neo4j as transaction metadata, Yoga's own messages through our logger, and Prometheus metrics
// that move with each request. Runs against the run's Neo4j with the seed loaded.
import { setTimeout as sleep } from 'node:timers/promises';
import neo4j, { type Driver, type Session, type SessionConfig } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createLogger, type LogLevel } from '../../server/log.ts';
import { createApp, type App, type AppOptions } from '../../server/yoga.ts';
import { loadSeed, testDriver } from '../support/database.ts';

const SEARCH = 'query Search { search(query: "pass") { totalCount edges { node { id } } } }';

let driver: Driver;

beforeAll(async () => {
  driver = testDriver();
  await loadSeed(driver);
});
afterAll(() => driver.close());

interface LogLine extends Record<string, unknown> {
  readonly level: string;
  readonly msg: string;
}

/** The real app over `appDriver`, logging at debug into `lines`. */
function observedApp(options: Partial<AppOptions> & { appDriver?: Driver; level?: LogLevel } = {}) {
  const lines: LogLine[] = [];
  const log = createLogger({ level: options.level ?? 'debug', sink: (_level, line) => lines.push(JSON.parse(line) as LogLine) });
  const app = createApp({ driver: options.appDriver ?? driver, database: inject('neo4j').database, timeoutMs: 10_000, log, ...options });
  const requestLines = () => lines.filter((line) => line.msg === 'request');
  return { app, lines, requestLines };
}

async function post(app: App, query: string, headers: Record<string, string> = {}) {
  const response = await app.fetch('http://test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
  return { response, body };
}

describe('the request log', () => {
  it('writes one line per request: id, operation, status, duration, Cypher round-trips and no errors', async () => {
    const queries: string[] = [];
    const { app, requestLines } = observedApp({ onQuery: (event) => queries.push(event.name) });
    const { response, body } = await post(app, SEARCH, { 'x-request-id': 'obs-search-1' });
    expect(body.errors).toBeUndefined();
    expect(response.headers.get('x-request-id')).toBe('obs-search-1');

    expect(requestLines()).toHaveLength(1);
    const [line] = requestLines();
    expect(line).toMatchObject({
      level: 'info',
      requestId: 'obs-search-1',
      method: 'POST',
      path: '/graphql',
      operation: 'Search',
      status: 200,
      roundTrips: queries.length,
      errorCodes: [],
    });
    expect(queries.length).toBeGreaterThan(0);
    expect(line?.['ms']).toEqual(expect.any(Number));
    expect(typeof line?.['time']).toBe('string');
  });

  it('makes up an id when the caller gives none or an implausible one, and logs error codes', async () => {
    const { app, requestLines } = observedApp();
    const { response } = await post(app, '{ noSuchField }', { 'x-request-id': 'not an id; DROP' });
    const id = response.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestLines()).toEqual([
      expect.objectContaining({ requestId: id, operation: '(anonymous)', roundTrips: 0, errorCodes: ['GRAPHQL_VALIDATION_FAILED'] }),
    ]);
  });

  it('logs health checks too, at debug', async () => {
    const { app, requestLines } = observedApp();
    expect((await app.fetch('http://test/health')).status).toBe(200);
    expect(requestLines()).toEqual([expect.objectContaining({ level: 'debug', path: '/health', status: 200 })]);
    expect(requestLines()[0]).not.toHaveProperty('operation');
  });

  it('at LOG_LEVEL=warn writes only requests that failed on the server side, with the cause the client does not see', async () => {
    const unreachable = new Proxy(driver, {
      get: (target, property, receiver) =>
        property === 'session'
          ? () => {
              throw new neo4j.Neo4jError('Failed to connect to server 10.9.8.7:7687', 'ServiceUnavailable', '08000', 'connection exception');
            }
          : Reflect.get(target, property, receiver),
    });
    const good = observedApp({ level: 'warn' });
    await post(good.app, SEARCH);
    expect(good.lines).toEqual([]);

    const bad = observedApp({ appDriver: unreachable, level: 'warn' });
    const { body } = await post(bad.app, SEARCH, { 'x-request-id': 'obs-down-1' });
    expect(body.errors?.map((error) => error.extensions?.code)).toEqual(['SERVICE_UNAVAILABLE']);
    expect(JSON.stringify(body)).not.toContain('10.9.8.7');
    expect(bad.lines).toEqual([
      expect.objectContaining({
        level: 'warn',
        msg: 'request',
        requestId: 'obs-down-1',
        errorCodes: ['SERVICE_UNAVAILABLE'],
        errorCauses: ['Failed to connect to server 10.9.8.7:7687'],
      }),
    ]);
  });

  it('passes Yoga\'s own messages through our logger: an unexpected error is logged with its stack, masked for the client', async () => {
    const broken = new Proxy(driver, {
      get: (target, property, receiver) =>
        property === 'session'
          ? () => {
              throw new TypeError('a bug in the data layer');
            }
          : Reflect.get(target, property, receiver),
    });
    const { app, lines } = observedApp({ appDriver: broken });
    const { body } = await post(app, SEARCH);
    expect(body.errors?.map((error) => error.extensions?.code)).toEqual(['INTERNAL_SERVER_ERROR']);
    expect(JSON.stringify(body)).not.toContain('a bug in the data layer');
    const logged = lines.find((line) => line['component'] === 'yoga' && line.level === 'error');
    expect(logged).toMatchObject({
      msg: 'a bug in the data layer',
      error: { name: 'GraphQLError', cause: { name: 'TypeError', stack: expect.stringContaining('TypeError: a bug in the data layer') } },
    });
  });
});

/**
 * The run's driver, but each read stays open `lingerMs` after its query has run, so that it can be seen in
 * SHOW TRANSACTIONS. The app reads through auto-commit `session.run`, whose transaction ends with its last
 * record; here it runs in a transaction given the same configuration (timeout, metadata), held open.
 */
function lingeringDriver(real: Driver, lingerMs: number): Driver {
  return new Proxy(real, {
    get(target, property, receiver) {
      if (property !== 'session') return Reflect.get(target, property, receiver);
      return (config: SessionConfig) => {
        const session = target.session(config);
        const run = (query: string, parameters?: Record<string, unknown>, txConfig?: Parameters<Session['run']>[2]) =>
          session.executeRead(async (tx) => {
            const result = await tx.run(query, parameters);
            await sleep(lingerMs);
            return result;
          }, txConfig);
        return Object.assign(Object.create(session) as typeof session, { run });
      };
    },
  });
}

describe('the request id in Neo4j', () => {
  it('reaches Neo4j as transaction metadata, as SHOW TRANSACTIONS shows while the request runs', async () => {
    const { app } = observedApp({ appDriver: lingeringDriver(driver, 1_500) });
    const request = post(app, SEARCH, { 'x-request-id': 'obs-meta-42' });
    let seen: unknown[] = [];
    for (let tries = 0; tries < 30 && seen.length === 0; tries++) {
      await sleep(50);
      const { records } = await driver.executeQuery(
        'SHOW TRANSACTIONS YIELD metaData, currentQuery WHERE metaData.requestId = $id RETURN metaData',
        { id: 'obs-meta-42' },
        { database: inject('neo4j').database },
      );
      seen = records.map((record) => record.get('metaData'));
    }
    expect((await request).body.errors).toBeUndefined();
    expect(seen).toEqual([{ app: 'tianshan', requestId: 'obs-meta-42' }]);
  });
});

/** One sample's value from Prometheus' text format, or 0 when the series has not been created yet. */
function sample(exposition: string, name: string, labels: Record<string, string> = {}): number {
  for (const line of exposition.split('\n')) {
    const match = /^(\w+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([key, value]) => found[key] === value)) return Number(match[3]);
  }
  return 0;
}

async function scrape(app: App): Promise<string> {
  const response = await app.fetch('http://test/metrics');
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return response.text();
}

describe('/metrics', () => {
  it('counts requests by operation and status, their time, errors by code, and Cypher queries by name', async () => {
    const queries: string[] = [];
    const { app } = observedApp({ onQuery: (event) => queries.push(event.name) });
    const before = await scrape(app);
    await post(app, SEARCH);
    await post(app, SEARCH);
    await post(app, '{ noSuchField }');
    const after = await scrape(app);

    const searches = { route: '/graphql', operation: 'Search', status: '200' };
    expect(sample(after, 'tianshan_http_requests_total', searches) - sample(before, 'tianshan_http_requests_total', searches)).toBe(2);
    expect(sample(after, 'tianshan_http_request_duration_seconds_count', { operation: 'Search' })).toBe(2);
    expect(sample(after, 'tianshan_http_request_duration_seconds_sum', { operation: 'Search' })).toBeGreaterThan(0);
    expect(sample(after, 'tianshan_graphql_errors_total', { code: 'GRAPHQL_VALIDATION_FAILED' })).toBe(1);
    // The scrape before is counted too, under its own route.
    expect(sample(after, 'tianshan_http_requests_total', { route: '/metrics', operation: '', status: '200' })).toBe(1);

    const [searchQuery] = queries;
    expect(searchQuery).toBeDefined();
    const perSearch = queries.filter((name) => name === searchQuery).length;
    expect(sample(after, 'tianshan_cypher_queries_total', { query: searchQuery ?? '', outcome: 'ok' })).toBe(perSearch);
    expect(sample(after, 'tianshan_cypher_query_duration_seconds_count', { query: searchQuery ?? '' })).toBe(perSearch);
    expect(sample(after, 'tianshan_neo4j_open_sessions')).toBe(0);
  });

  it('shows the Neo4j sessions in use while a request runs', async () => {
    const { app } = observedApp({ appDriver: lingeringDriver(driver, 800) });
    const request = post(app, SEARCH);
    await sleep(300);
    expect(sample(await scrape(app), 'tianshan_neo4j_open_sessions')).toBe(1);
    await request;
    expect(sample(await scrape(app), 'tianshan_neo4j_open_sessions')).toBe(0);
  });

  it('keeps each app\'s counts to itself, and bounds the label values clients can create', async () => {
    const first = observedApp();
    const second = observedApp();
    await post(first.app, SEARCH);
    expect(sample(await scrape(second.app), 'tianshan_http_requests_total', { operation: 'Search' })).toBe(0);
    await second.app.fetch('http://test/wp-admin.php');
    expect(sample(await scrape(second.app), 'tianshan_http_requests_total', { route: 'other', status: '404' })).toBe(1);
  });
});
