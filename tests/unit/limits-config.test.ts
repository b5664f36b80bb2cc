import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { StartupError } from '../../server/errors.ts';
import { appPolicy } from '../../server/http-policy.ts';
import { corsAllowList } from '../../server/plugins/cors-allow-list.ts';
import { loadTrustedDocuments } from '../../server/plugins/use-trusted-documents.ts';

const MANIFEST = 'tests/fixtures/trusted-documents.json';

describe('limits and HTTP policy from configuration', () => {
  it('has working defaults with nothing set: a development server with introspection and no cross-origin access', () => {
    const policy = appPolicy(loadConfig({}));
    expect(policy).toEqual({
      limits: { maxDepth: 10, maxCost: 50_000, maxAliases: 15, maxDirectives: 20, maxTokens: 1_000 },
      maxDocumentBytes: 102_400,
      introspection: true,
      corsOrigins: [],
      trustedDocuments: undefined,
      rateLimit: { points: 1_000_000, windowMs: 60_000 },
      trustProxy: { kind: 'none' },
      maxSubscriptionsPerClient: 10,
    });
  });

  it('turns introspection off in production unless INTROSPECTION says otherwise', () => {
    expect(appPolicy(loadConfig({ NODE_ENV: 'production' })).introspection).toBe(false);
    expect(appPolicy(loadConfig({ NODE_ENV: 'production', INTROSPECTION: 'true' })).introspection).toBe(true);
    expect(appPolicy(loadConfig({ INTROSPECTION: 'false' })).introspection).toBe(false);
  });

  it('reads limits and a comma-separated list of origins', () => {
    const policy = appPolicy(loadConfig({ MAX_DEPTH: '4', MAX_COST: '900', CORS_ORIGINS: ' https://app.example.org, http://localhost:5173 ,' }));
    expect(policy.limits).toMatchObject({ maxDepth: 4, maxCost: 900 });
    expect(policy.corsOrigins).toEqual(['https://app.example.org', 'http://localhost:5173']);
  });

  it('lists every bad limit and origin at once', () => {
    const attempt = () => loadConfig({ MAX_DEPTH: '0', MAX_TOKENS: 'lots', CORS_ORIGINS: 'https://app.example.org/graphql', INTROSPECTION: 'maybe' });
    expect(attempt).toThrow(StartupError);
    expect(attempt).toThrow(/MAX_DEPTH: .*MAX_TOKENS: .*INTROSPECTION: .*CORS_ORIGINS.*: an origin such as https:\/\/app\.example\.org/);
  });

  it('answers CORS for allowed origins only, never for the "null" origin of sandboxed pages', () => {
    const from = (origin: string | null) => new Request('http://test/graphql', origin === null ? {} : { headers: { origin } });
    // Yoga reads an empty origin list as "any origin": no origins must mean no CORS at all.
    expect(corsAllowList([])).toBe(false);
    const policy = corsAllowList(['https://app.example.org']);
    if (typeof policy !== 'function') throw new Error('expected options per request');
    expect(policy(from('https://app.example.org'))).toMatchObject({ credentials: false, methods: ['GET', 'POST'] });
    for (const other of ['https://elsewhere.example', 'null', null]) expect(policy(from(other)), String(other)).toBe(false);
    const anyOrigin = corsAllowList(['*']);
    if (typeof anyOrigin !== 'function') throw new Error('expected options per request');
    expect(anyOrigin(from('https://elsewhere.example'))).not.toBe(false);
  });
});

describe('the trusted documents manifest', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'tianshan-manifest-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('loads documents by the SHA-256 of their text', () => {
    const documents = appPolicy(loadConfig({ TRUSTED_DOCUMENTS: MANIFEST })).trustedDocuments;
    expect(documents?.get('50b2f2910156a678b4a8d25384c59f8584c632b509c6fcb216285a32d84a96d2')).toBe('query Stats { stats { entityCount relationCount } }');
    expect(documents?.size).toBe(2);
  });

  it('lists every bad entry in one StartupError', async () => {
    const file = path.join(dir, 'bad.json');
    const broken = '{ stats {';
    const brokenHash = createHash('sha256').update(broken).digest('hex');
    await writeFile(file, JSON.stringify({ ['0'.repeat(64)]: '{ stats { entityCount } }', abc: 42, [brokenHash]: broken }));
    const attempt = () => loadTrustedDocuments(file);
    expect(attempt).toThrow(StartupError);
    expect(attempt).toThrow(new RegExp(`3 bad entries: 0{64}: not the SHA-256 of its document .*; abc: the document must be a string; ${brokenHash}: Syntax Error`));
  });

  it('names a file that is missing or not JSON', async () => {
    const file = path.join(dir, 'broken.json');
    await writeFile(file, '{ "no": ');
    expect(() => loadTrustedDocuments(file)).toThrow(/TRUSTED_DOCUMENTS: cannot read .*broken\.json as JSON/);
    expect(() => loadTrustedDocuments(path.join(dir, 'missing.json'))).toThrow(/TRUSTED_DOCUMENTS: cannot read .*missing\.json/);
  });
});
