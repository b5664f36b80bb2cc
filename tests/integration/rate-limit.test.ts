// Fair use over a real port (so a client is known by the address Node saw), with small budgets:
// a burst over budget is refused with 429 before any Cypher runs, and is served again after the window.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { randomBytes } from 'node:crypto';
import type { Driver } from 'neo4j-driver';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { trustProxyOf } from '../../server/client-address.ts';
import { DEFAULT_POLICY, type AppPolicy } from '../../server/http-policy.ts';
import { listen } from '../../server/listen.ts';
import { createApp } from '../../server/yoga.ts';
import { loadSeed, testDriver } from '../support/database.ts';

// 1 (the connection) + 10 (its nodes) + 1 (rateLimit) = 12 points.
const QUERY = '{ rateLimit { limit cost remaining resetAt } entities(first: 10) { nodes { id } } }';
const EDITOR = randomBytes(32).toString('hex');

interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: { data?: { rateLimit: { limit: number; cost: number; remaining: number; resetAt: string } | null } | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };
  /** Cypher statements run for this request. */
  readonly roundTrips: number;
}

let driver: Driver;
const servers: Server[] = [];

beforeAll(async () => {
  driver = testDriver();
  await loadSeed(driver);
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});
afterAll(() => driver.close());

/** The app on a free loopback port, with `policy` over the defaults; `post` sends one request and counts its Cypher. */
async function served(policy: Partial<AppPolicy>) {
  let roundTrips = 0;
  const app = createApp({
    driver,
    database: inject('neo4j').database,
    timeoutMs: 10_000,
    curationTokens: [{ role: 'editor', name: 'alice', token: EDITOR }],
    policy: { ...DEFAULT_POLICY, ...policy },
    onQuery: () => (roundTrips += 1),
  });
  const server = await listen(app, '127.0.0.1', 0);
  servers.push(server);
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  return async function post(query: string, headers: Record<string, string> = {}): Promise<Answer> {
    const before = roundTrips;
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });
    return { status: response.status, headers: response.headers, body: (await response.json()) as Answer['body'], roundTrips: roundTrips - before };
  };
}

describe('a budget of cost points per client', () => {
  it('refuses a burst over budget with 429, Retry-After and RATE_LIMITED before any Cypher runs, and serves the client again after the window', async () => {
    const post = await served({ rateLimit: { points: 60, windowMs: 4_000 } });
    const first = await post(QUERY);
    expect(first.status).toBe(200);
    const status = first.body.data?.rateLimit;
    expect(status).toMatchObject({ limit: 60, cost: 12, remaining: 48 });
    const resetAt = Date.parse(status?.resetAt ?? '');
    expect(resetAt - Date.now()).toBeGreaterThan(0);
    expect(resetAt - Date.now()).toBeLessThanOrEqual(4_000);
    expect(first.roundTrips).toBeGreaterThan(0);

    const burst = [];
    for (let i = 0; i < 6; i += 1) burst.push(await post(QUERY));
    // The whole burst fell in one window; otherwise the counts below would not be the limit's doing.
    expect(Date.now()).toBeLessThan(resetAt);
    expect(burst.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 429, 429]);
    expect(burst.slice(0, 4).map((answer) => answer.body.data?.rateLimit?.remaining)).toEqual([36, 24, 12, 0]);

    const refused = burst[5];
    expect(refused?.roundTrips).toBe(0);
    expect(refused?.body.data).toBeUndefined();
    expect(refused?.body.errors).toHaveLength(1);
    expect(refused?.body.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/spent its budget: the operation costs 12 points and 0 of 60 remain until .*Wait \d s \(Retry-After\)/),
      extensions: { code: 'RATE_LIMITED', limit: 60, cost: 12, remaining: 0, resetAt: status?.resetAt },
    });
    const retryAfter = Number(refused?.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(4);

    // Another client (a token's holder) has a budget of its own.
    const alice = await post(QUERY, { authorization: `Bearer ${EDITOR}` });
    expect(alice.status).toBe(200);
    expect(alice.body.data?.rateLimit?.remaining).toBe(48);

    await sleep(resetAt - Date.now() + 50);
    const recovered = await post(QUERY);
    expect(recovered.status).toBe(200);
    expect(recovered.body.data?.rateLimit).toMatchObject({ remaining: 48 });
    expect(recovered.roundTrips).toBeGreaterThan(0);
  });

  it('charges the rateLimit field alone 1 point, running no Cypher', async () => {
    const post = await served({ rateLimit: { points: 60, windowMs: 60_000 } });
    const answer = await post('{ rateLimit { cost remaining } }');
    expect(answer.body.data?.rateLimit).toEqual({ cost: 1, remaining: 59 });
    expect(answer.roundTrips).toBe(0);
  });

  it('says so when one operation costs more than the whole budget', async () => {
    const post = await served({ rateLimit: { points: 5, windowMs: 60_000 } });
    const answer = await post(QUERY);
    expect(answer.status).toBe(429);
    expect(answer.body.errors?.[0]?.message).toMatch(/costs 12 points, more than a client's whole budget of 5/);
  });

  it('is off when the policy has none: rateLimit is null', async () => {
    const post = await served({ rateLimit: undefined });
    expect((await post(QUERY)).body.data?.rateLimit).toBeNull();
  });

  it('knows clients behind a trusted proxy by X-Forwarded-For, and ignores that header from anyone else', async () => {
    const budget = { points: 12, windowMs: 60_000 };
    const proxied = await served({ rateLimit: budget, trustProxy: trustProxyOf(['127.0.0.1']) });
    expect((await proxied(QUERY, { 'x-forwarded-for': '198.51.100.1' })).status).toBe(200);
    expect((await proxied(QUERY, { 'x-forwarded-for': '198.51.100.1' })).status).toBe(429);
    expect((await proxied(QUERY, { 'x-forwarded-for': '198.51.100.1, 198.51.100.2' })).status).toBe(200);

    const direct = await served({ rateLimit: budget });
    expect((await direct(QUERY, { 'x-forwarded-for': '198.51.100.1' })).status).toBe(200);
    // A made-up X-Forwarded-For does not buy a fresh budget.
    expect((await direct(QUERY, { 'x-forwarded-for': '198.51.100.2' })).status).toBe(429);
  });
});
