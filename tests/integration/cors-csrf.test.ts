import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../server/http-policy.ts';
import { testApp } from '../support/app.ts';
import { loadSeed, testDriver } from '../support/database.ts';

let driver: Driver;

beforeAll(async () => {
  driver = testDriver();
  await loadSeed(driver);
});
afterAll(() => driver.close());

const QUERY = '{ entity(id: "china") { id } }';
const DATA = { entity: { id: 'china' } };
const URL_QUERY = `http://test/graphql?query=${encodeURIComponent(QUERY)}`;

describe('CSRF prevention', () => {
  let csrf: ReturnType<typeof testApp>;
  beforeAll(() => {
    csrf = testApp(driver);
  });
  const send = async (init: RequestInit, url = 'http://test/graphql') => {
    csrf.queries.length = 0;
    const response = await csrf.app.fetch(url, init);
    const body = (await response.json()) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };
    return { status: response.status, body, roundTrips: csrf.queries.length };
  };

  it('lets JSON posts through: no page on another site can send one without a preflight', async () => {
    for (const contentType of ['application/json', 'application/json; charset=utf-8', 'application/graphql+json']) {
      const { status, body } = await send({ method: 'POST', headers: { 'content-type': contentType }, body: JSON.stringify({ query: QUERY }) });
      expect(status, contentType).toBe(200);
      expect(body.data, JSON.stringify(body)).toEqual(DATA);
    }
  });

  it('refuses what a form, an image or a plain fetch from another site could send, before any Cypher runs', async () => {
    const forged: [string, RequestInit, string?][] = [
      ['GET', {}, URL_QUERY],
      ['form post', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `query=${encodeURIComponent(QUERY)}` }],
      ['text/plain post', { method: 'POST', headers: { 'content-type': 'text/plain;charset=UTF-8' }, body: JSON.stringify({ query: QUERY }) }],
      ['multipart post', { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=x' }, body: `--x\r\nContent-Disposition: form-data; name="query"\r\n\r\n${QUERY}\r\n--x--` }],
      ['post without a content type', { method: 'POST', body: JSON.stringify({ query: QUERY }) }],
    ];
    for (const [label, init, url] of forged) {
      const { status, body, roundTrips } = await send(init, url);
      expect(status, label).toBe(403);
      expect(body.errors?.[0]?.extensions?.code, label).toBe('CSRF_HEADER_REQUIRED');
      expect(body.errors?.[0]?.message, label).toMatch(/x-graphql-csrf/);
      expect(roundTrips, label).toBe(0);
    }
  });

  it('accepts GETs and forms that carry the x-graphql-csrf header, which forces a preflight', async () => {
    const get = await send({ headers: { 'x-graphql-csrf': '1' } }, URL_QUERY);
    expect(get.body.data, JSON.stringify(get.body)).toEqual(DATA);
    const form = await send({ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-graphql-csrf': '1' }, body: `query=${encodeURIComponent(QUERY)}` });
    expect(form.body.data).toEqual(DATA);
  });
});

describe('CORS', () => {
  const preflight = (origin: string) => ({
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, authorization' },
  });
  const post = (origin: string) => ({ method: 'POST', headers: { origin, 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });

  it('gives other origins nothing by default, so browsers keep their pages from reading answers', async () => {
    const { app } = testApp(driver);
    const answer = await app.fetch('http://test/graphql', post('https://elsewhere.example'));
    expect(answer.status).toBe(200);
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
    const asked = await app.fetch('http://test/graphql', preflight('https://elsewhere.example'));
    expect(asked.headers.get('access-control-allow-origin')).toBeNull();
    expect(asked.headers.get('access-control-allow-methods')).toBeNull();
  });

  it('allows the configured origins, without credentials, and no others', async () => {
    const origins = ['https://app.example.org', 'http://localhost:5173'];
    const { app } = testApp(driver, { policy: { ...DEFAULT_POLICY, corsOrigins: origins } });

    const asked = await app.fetch('http://test/graphql', preflight('http://localhost:5173'));
    expect(asked.status).toBe(204);
    expect(asked.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(asked.headers.get('access-control-allow-methods')).toBe('GET, POST');
    // A browser client may send back a mutation's bookmarks (read-your-writes), and read them off the answer.
    expect(asked.headers.get('access-control-allow-headers')).toMatch(/content-type.*authorization.*x-graphql-csrf.*neo4j-bookmarks/);
    expect(asked.headers.get('vary')).toMatch(/Origin/);

    const answer = await app.fetch('http://test/graphql', post('https://app.example.org'));
    expect(answer.headers.get('access-control-allow-origin')).toBe('https://app.example.org');
    expect(answer.headers.get('access-control-allow-credentials')).toBeNull();
    expect(answer.headers.get('access-control-expose-headers')).toBe('x-request-id, retry-after, neo4j-bookmarks');

    // Sandboxed pages and local files send the origin "null": it must not pass as an allowed one.
    for (const other of ['https://elsewhere.example', 'https://app.example.org.elsewhere.example', 'null']) {
      const refused = await app.fetch('http://test/graphql', post(other));
      expect(refused.headers.get('access-control-allow-origin'), other).toBeNull();
      expect(refused.headers.get('vary'), other).toMatch(/Origin/);
      const refusedPreflight = await app.fetch('http://test/graphql', preflight(other));
      expect(refusedPreflight.headers.get('access-control-allow-origin'), other).toBeNull();
    }
  });
});
