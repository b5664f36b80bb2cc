// What every response tells a browser (security headers, HSTS over TLS), who may read /metrics, and
// how little the probes say. Over the run's Neo4j, in process, and over a real HTTPS port.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { listen, tlsFiles } from '../../server/listen.ts';
import { createApp, type AppOptions } from '../../server/yoga.ts';
import { loadSeed, testDriver } from '../support/database.ts';

const METRICS_TOKEN = randomBytes(32).toString('hex');
const POST = { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ stats { entityCount } }' }) };

let driver: Driver;
beforeAll(async () => {
  driver = testDriver();
  await loadSeed(driver);
});
afterAll(() => driver.close());

function app(options: Partial<AppOptions> = {}) {
  return createApp({ driver, database: inject('neo4j').database, timeoutMs: 10_000, ...options });
}

describe('security headers', () => {
  it('are on every response: API answers, probes, metrics, refusals and unknown paths', async () => {
    const served = app();
    const responses = {
      graphql: await served.fetch('http://test/graphql', POST),
      refused: await served.fetch('http://test/graphql?query=%7Bstats%7BentityCount%7D%7D'),
      health: await served.fetch('http://test/health'),
      ready: await served.fetch('http://test/ready'),
      metrics: await served.fetch('http://test/metrics'),
      unknown: await served.fetch('http://test/no-such-page'),
    };
    expect(responses.refused.status).toBe(403);
    for (const [name, response] of Object.entries(responses)) {
      expect(response.headers.get('x-content-type-options'), name).toBe('nosniff');
      expect(response.headers.get('x-frame-options'), name).toBe('DENY');
      expect(response.headers.get('referrer-policy'), name).toBe('no-referrer');
      expect(response.headers.get('content-security-policy'), name).toBe("default-src 'none'; frame-ancestors 'none'");
      // No TLS here, so no HSTS, which browsers would ignore over plain HTTP anyway.
      expect(response.headers.get('strict-transport-security'), name).toBeNull();
    }
  });

  it('leave the content security policy of pages to the pages, but still deny framing', async () => {
    const graphiql = await app().fetch('http://test/graphql', { headers: { accept: 'text/html' } });
    expect(await graphiql.text()).toMatch(/GraphiQL/);
    // The page's own policy (server/web/content-security-policy.ts), not the API answers' `default-src 'none'`.
    expect(graphiql.headers.get('content-security-policy')).toMatch(/script-src 'self'.*frame-ancestors 'none'/);
    expect(graphiql.headers.get('x-frame-options')).toBe('DENY');
    expect(graphiql.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('include Strict-Transport-Security when served over TLS (TLS_CERT, TLS_KEY)', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'tianshan-tls-'));
    try {
      const cert = path.join(dir, 'cert.pem');
      const key = path.join(dir, 'key.pem');
      // A throwaway self-signed certificate for localhost.
      execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1', '-subj', '/CN=localhost',
        '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1', '-keyout', key, '-out', cert], { stdio: 'ignore' });
      const tls = tlsFiles(loadConfig({ TLS_CERT: cert, TLS_KEY: key }));
      const server = await listen(app({ tls: true }), '127.0.0.1', 0, tls);
      try {
        const { port } = server.address() as AddressInfo;
        const answer = await new Promise<{ status: number; hsts: unknown; body: string }>((resolve, reject) => {
          const sent = request({ host: '127.0.0.1', port, path: '/graphql', method: 'POST', ca: [readFileSync(cert)], servername: 'localhost', headers: POST.headers }, (response) => {
            let body = '';
            response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
            response.on('end', () => resolve({ status: response.statusCode ?? 0, hsts: response.headers['strict-transport-security'], body }));
          });
          sent.on('error', reject).end(POST.body);
        });
        expect(answer.status).toBe(200);
        expect(answer.hsts).toBe('max-age=31536000');
        expect(JSON.parse(answer.body)).toMatchObject({ data: { stats: { entityCount: expect.any(Number) } } });
      } finally {
        server.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('/metrics', () => {
  it('is open without METRICS_TOKEN', async () => {
    const response = await app().fetch('http://test/metrics');
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/tianshan_http_requests_total/);
  });

  it('with METRICS_TOKEN, answers 401 with a Bearer challenge unless the token is sent', async () => {
    const served = app({ metricsToken: loadConfig({ METRICS_TOKEN }).METRICS_TOKEN });
    for (const authorization of [undefined, `Bearer ${randomBytes(32).toString('hex')}`, `Basic ${METRICS_TOKEN}`, METRICS_TOKEN]) {
      const response = await served.fetch('http://test/metrics', { headers: authorization === undefined ? {} : { authorization } });
      expect(response.status, authorization).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer realm="tianshan-metrics"');
      expect(await response.text()).not.toMatch(/tianshan_/);
    }
    const allowed = await served.fetch('http://test/metrics', { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(allowed.status).toBe(200);
    expect(await allowed.text()).toMatch(/tianshan_http_requests_total/);
  });
});

describe('the probes', () => {
  it('stay open when METRICS_TOKEN is set, and say nothing but their status', async () => {
    const served = app({ metricsToken: METRICS_TOKEN });
    for (const probe of ['/health', '/ready']) {
      const response = await served.fetch(`http://test${probe}`);
      expect(response.status, probe).toBe(200);
      expect(await response.text(), probe).toBe('');
      expect(response.headers.get('x-yoga-id'), probe).toBeNull();
    }
  });

  it('say 503 and nothing more when Neo4j does not answer', async () => {
    const unreachable = new Proxy(driver, {
      get: (target, property, receiver) => (property === 'verifyConnectivity' ? () => Promise.reject(new Error('connect ECONNREFUSED 10.9.8.7:7687')) : Reflect.get(target, property, receiver)),
    });
    const response = await app({ driver: unreachable, readyTimeoutMs: 500 }).fetch('http://test/ready');
    expect(response.status).toBe(503);
    expect(await response.text()).toBe('');
  });
});
