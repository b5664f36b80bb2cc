import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuild, readManifest } from '../../explorer/build.ts';
import { loadConfig } from '../../server/config.ts';
import { appPolicy } from '../../server/http-policy.ts';
import { CONTENT_SECURITY_POLICY } from '../../server/web/content-security-policy.ts';
import { accepts } from '../../server/web/static-assets.ts';
import { createApp, type App } from '../../server/yoga.ts';

// Pages and their files never reach Neo4j: a driver to a port where nothing listens shows it.
const driver = neo4j.driver('bolt://127.0.0.1:9');
let app: App;

beforeAll(async () => {
  await ensureWebBuild();
  app = createApp({ driver, database: 'neo4j', timeoutMs: 1_000 });
}, 120_000);
afterAll(() => driver.close());

const get = (path: string, headers: Record<string, string> = {}) => app.fetch(`http://test${path}`, { headers });

describe('the pages', () => {
  it('serve /, every /explorer address and GraphiQL as HTML with our Content-Security-Policy', async () => {
    for (const [path, accept] of [
      ['/', 'text/html'],
      ['/explorer', 'text/html'],
      ['/explorer/entity/ili-valley?hops=2', 'text/html'],
      ['/graphql', 'text/html'],
    ] as const) {
      const response = await get(path, { accept });
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type'), path).toMatch(/^text\/html/);
      expect(response.headers.get('content-security-policy'), path).toBe(CONTENT_SECURITY_POLICY);
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      const html = await response.text();
      // Nothing from another origin, and no inline script that would need 'unsafe-inline'.
      expect(html, path).not.toMatch(/(src|href)="(https?:)?\/\/(?!test)/);
      expect(html.match(/<script(?![^>]*(type="module" src=|type="application\/json"))/g), path).toBeNull();
    }
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe|data:|https?:|\*/);
  });

  it('serve the built files, precompressed for clients that take it, and nothing else', async () => {
    const manifest = await readManifest();
    const script = `/assets/${manifest?.entries.explorer.script ?? ''}`;
    const plain = await get(script);
    expect(plain.status).toBe(200);
    expect(plain.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(plain.headers.get('cache-control')).toContain('immutable');
    const plainBytes = (await plain.arrayBuffer()).byteLength;
    const brotli = await get(script, { 'accept-encoding': 'gzip, deflate, br' });
    expect(brotli.headers.get('content-encoding')).toBe('br');
    expect(Number(brotli.headers.get('content-length'))).toBeLessThan(plainBytes / 2);
    for (const path of ['/assets/manifest.json', '/assets/../package.json', '/assets/%2e%2e/package.json', '/assets/nothing.js']) {
      expect((await get(path)).status, path).toBe(404);
    }
    expect((await app.fetch('http://test/explorer', { method: 'POST' })).status).toBe(405);
  });

  it('tell the explorer to send hashes when only trusted documents run, and whether its own are among them', async () => {
    const configOf = async (env: Record<string, string>) => {
      const html = await (await createApp({ driver, database: 'neo4j', timeoutMs: 1_000, policy: appPolicy(loadConfig(env)) }).fetch('http://test/explorer')).text();
      return JSON.parse(/<script type="application\/json" id="explorer-config">(.*?)<\/script>/.exec(html)?.[1] ?? 'null') as Record<string, unknown>;
    };
    expect(await configOf({})).toMatchObject({ persisted: false, operationsTrusted: true, graphiql: true });
    expect(await configOf({ TRUSTED_DOCUMENTS: 'explorer/trusted-documents.json' })).toMatchObject({ persisted: true, operationsTrusted: true });
    expect(await configOf({ TRUSTED_DOCUMENTS: 'tests/fixtures/trusted-documents.json' })).toMatchObject({ persisted: true, operationsTrusted: false });
    expect(await configOf({ NODE_ENV: 'production' })).toMatchObject({ graphiql: false });
  });
});

describe('Accept-Encoding', () => {
  it('takes a coding named or by `*`, unless its quality is 0', () => {
    expect(accepts('gzip, br', 'br')).toBe(true);
    expect(accepts('gzip;q=1.0, br;q=0', 'br')).toBe(false);
    expect(accepts('*', 'gzip')).toBe(true);
    expect(accepts('identity', 'gzip')).toBe(false);
    expect(accepts(null, 'gzip')).toBe(false);
  });
});
