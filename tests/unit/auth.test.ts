import type { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { requireEditor, type Caller } from '../../schema/caller.ts';
import { createAuthenticator, unnamedTokenWarning, type CurationToken } from '../../server/auth.ts';
import { loadConfig } from '../../server/config.ts';
import { StartupError } from '../../server/errors.ts';

const EDITOR = 'e'.repeat(40);
const READER = 'r0-._~+/'.repeat(5);
const TOKENS: CurationToken[] = [
  { role: 'editor', name: 'alice', token: EDITOR },
  { role: 'reader', name: 'Rüdiger.K@example-1', token: READER },
];

/** The error `requireEditor` throws for a caller, or undefined when it lets them write. */
function refusal(caller: Caller): GraphQLError | undefined {
  try {
    requireEditor(caller);
    return undefined;
  } catch (error) {
    return error as GraphQLError;
  }
}

describe('CURATION_TOKENS', () => {
  it('is unset by default, so no one may write', () => {
    expect(loadConfig({}).CURATION_TOKENS).toBeUndefined();
  });

  it('parses comma-separated role:name:token entries, spaces around them allowed', () => {
    const tokens = loadConfig({ CURATION_TOKENS: `editor:alice:${EDITOR}, reader : Rüdiger.K@example-1 : ${READER}` }).CURATION_TOKENS ?? [];
    expect(tokens).toEqual(TOKENS);
    expect(unnamedTokenWarning(tokens)).toBeUndefined();
  });

  it('still takes the old role:token form, naming each holder by its entry, with one warning for them all', () => {
    const tokens = loadConfig({ CURATION_TOKENS: `editor:${EDITOR},reader:bob:${READER},editor:${'f'.repeat(32)}` }).CURATION_TOKENS ?? [];
    expect(tokens.map(({ role, name }) => `${role}:${name}`)).toEqual(['editor:unnamed-1', 'reader:bob', 'editor:unnamed-3']);
    const warning = unnamedTokenWarning(tokens);
    expect(warning).toMatch(/2 token\(s\) without a holder's name, known as unnamed-1, unnamed-3; .*deprecated.*role:name:token/);
    expect(warning).not.toContain(EDITOR);
  });

  it('lets one name hold several tokens of its role, to rotate them', () => {
    const tokens = loadConfig({ CURATION_TOKENS: `editor:alice:${EDITOR},editor:alice:${'f'.repeat(32)}` }).CURATION_TOKENS ?? [];
    expect(tokens.map((token) => token.name)).toEqual(['alice', 'alice']);
  });

  it.each([
    ['an unknown role', `admin:alice:${EDITOR}`, /entry 1: "role:name:token" with a role of reader or editor/],
    ['no role', EDITOR, /entry 1: "role:name:token"/],
    ['too many parts', `editor:alice:smith:${EDITOR}`, /entry 1: "role:name:token"/],
    ['a name with a space', `editor:alice smith:${EDITOR}`, /entry 1: the name must be 1 to 64 letters/],
    ['an empty name', `editor::${EDITOR}`, /entry 1: the name must be/],
    ['one name with two roles', `editor:alice:${EDITOR},reader:alice:${READER}`, /entry 2: alice already has the editor role/],
    ['a short token', `editor:${EDITOR},reader:short`, /entry 2: the token must be 32 or more/],
    ['a token with a space', `editor:${'a'.repeat(20)} ${'b'.repeat(20)}`, /entry 1: the token must be/],
    ['one token twice', `editor:${EDITOR},reader:${EDITOR}`, /entry 2: the same token twice/],
  ])('refuses %s at start, without printing the token', (_case, value, message) => {
    const attempt = () => loadConfig({ CURATION_TOKENS: value });
    expect(attempt).toThrow(StartupError);
    expect(attempt).toThrow(message);
    expect(attempt).not.toThrow(new RegExp(`${'e'.repeat(20)}|${'b'.repeat(20)}`));
  });
});

describe('METRICS_TOKEN and TLS_CERT/TLS_KEY', () => {
  it('take a hard-to-guess token, and a certificate only with its key', () => {
    expect(loadConfig({ METRICS_TOKEN: EDITOR }).METRICS_TOKEN).toBe(EDITOR);
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN: the token must be 32 or more/);
    expect(() => loadConfig({ TLS_CERT: 'cert.pem' })).toThrow(/TLS_KEY: TLS_CERT and TLS_KEY go together/);
  });
});

describe('the bearer token of a request', () => {
  const authenticate = createAuthenticator(TOKENS);

  it.each([
    ['no header', null, null],
    ['an unknown token', `Bearer ${'x'.repeat(40)}`, 'unrecognised'],
    ['a prefix of a known token', `Bearer ${EDITOR.slice(0, 39)}`, 'unrecognised'],
    ['a known token with more after it', `Bearer ${EDITOR}x`, 'unrecognised'],
    ['the token without the scheme', EDITOR, 'unrecognised'],
    ['another scheme', `Basic ${EDITOR}`, 'unrecognised'],
    ['an empty header', '', 'unrecognised'],
  ])('%s gives the role %s', async (_case, header, role) => {
    expect(await authenticate(header)).toEqual({ role, writesEnabled: true });
  });

  it.each([
    ['an editor token', `Bearer ${EDITOR}`, { role: 'editor', name: 'alice' }],
    ['a reader token, the scheme in any case', `bearer ${READER}`, { role: 'reader', name: 'Rüdiger.K@example-1' }],
  ])('%s names its holder', async (_case, header, holder) => {
    expect(await authenticate(header)).toEqual({ ...holder, writesEnabled: true });
  });

  it('knows writes are off when only readers are configured', async () => {
    expect(await createAuthenticator([{ role: 'reader', name: 'rita', token: READER }])(`Bearer ${READER}`)).toEqual({ role: 'reader', name: 'rita', writesEnabled: false });
  });
});

describe('a bearer JWT', () => {
  it('goes to the JWT verifier only when it has the shape of one and no configured token matches', async () => {
    const seen: string[] = [];
    const authenticate = createAuthenticator([{ role: 'reader', name: 'rita', token: READER }], async (jwt) => {
      seen.push(jwt);
      return { role: 'editor', name: 'jwt-alice' };
    });
    // With JWTs on, writes are possible even without an editor token.
    expect(await authenticate('Bearer aaa.bbb.ccc')).toEqual({ role: 'editor', name: 'jwt-alice', writesEnabled: true });
    expect(await authenticate(`Bearer ${READER}`)).toEqual({ role: 'reader', name: 'rita', writesEnabled: true });
    expect(await authenticate(`Bearer ${'x'.repeat(40)}`)).toEqual({ role: 'unrecognised', writesEnabled: true });
    expect(seen).toEqual(['aaa.bbb.ccc']);
  });
});

describe('requireEditor', () => {
  it('lets an editor write, and says who they are', () => {
    expect(refusal({ role: 'editor', name: 'alice', writesEnabled: true })).toBeUndefined();
    expect(requireEditor({ role: 'editor', name: 'alice', writesEnabled: true })).toBe('alice');
  });

  it('asks for a token when none was sent: UNAUTHENTICATED, 401 with a Bearer challenge', () => {
    const error = refusal({ role: null, writesEnabled: true });
    expect(error?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', http: { status: 401, headers: { 'WWW-Authenticate': 'Bearer realm="tianshan"' } } });
    expect(error?.message).toMatch(/Authorization: Bearer <token>/);
  });

  it('refuses a token that is not configured: UNAUTHENTICATED, invalid_token', () => {
    const error = refusal({ role: 'unrecognised', writesEnabled: true });
    expect(error?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', http: { status: 401, headers: { 'WWW-Authenticate': expect.stringContaining('error="invalid_token"') } } });
  });

  it("passes on a JWT's problem, and an identity provider that does not answer is SERVICE_UNAVAILABLE, not the caller's fault", () => {
    expect(refusal({ role: 'unrecognised', problem: 'The token has expired', writesEnabled: true })?.message).toMatch(/^The token has expired; send/);
    expect(refusal({ role: 'unverifiable', writesEnabled: true })?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
  });

  it('refuses a reader: FORBIDDEN, 403', () => {
    const error = refusal({ role: 'reader', name: 'rita', writesEnabled: true });
    expect(error?.extensions).toMatchObject({ code: 'FORBIDDEN', http: { status: 403 } });
    expect(error?.message).toMatch(/reader role; writes need an editor token/);
  });

  it('says how to configure an editor token when there is none, whoever asks', () => {
    const callers: Caller[] = [{ role: null, writesEnabled: false }, { role: 'unrecognised', writesEnabled: false }, { role: 'reader', name: 'rita', writesEnabled: false }];
    for (const caller of callers) {
      const error = refusal(caller);
      expect(error?.extensions?.code).toBe('FORBIDDEN');
      expect(error?.message).toMatch(/no editor token is configured.*CURATION_TOKENS=editor:<name>:<token>/);
    }
  });
});
