import type { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { requireEditor, type Caller } from '../../schema/caller.ts';
import { createAuthenticator, type CurationToken } from '../../server/auth.ts';
import { loadConfig } from '../../server/config.ts';
import { StartupError } from '../../server/errors.ts';

const EDITOR = 'e'.repeat(40);
const READER = 'r0-._~+/'.repeat(5);
const TOKENS: CurationToken[] = [
  { role: 'editor', token: EDITOR },
  { role: 'reader', token: READER },
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

  it('parses comma-separated role:token pairs, spaces around them allowed', () => {
    expect(loadConfig({ CURATION_TOKENS: `editor:${EDITOR}, reader:${READER}` }).CURATION_TOKENS).toEqual(TOKENS);
  });

  it.each([
    ['an unknown role', `admin:${EDITOR}`, /entry 1: "role:token" with a role of reader or editor/],
    ['no role', EDITOR, /entry 1: "role:token"/],
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

describe('the bearer token of a request', () => {
  const authenticate = createAuthenticator(TOKENS);

  it.each([
    ['no header', null, null],
    ['an editor token', `Bearer ${EDITOR}`, 'editor'],
    ['a reader token, the scheme in any case', `bearer ${READER}`, 'reader'],
    ['an unknown token', `Bearer ${'x'.repeat(40)}`, 'unrecognised'],
    ['a prefix of a known token', `Bearer ${EDITOR.slice(0, 39)}`, 'unrecognised'],
    ['a known token with more after it', `Bearer ${EDITOR}x`, 'unrecognised'],
    ['the token without the scheme', EDITOR, 'unrecognised'],
    ['another scheme', `Basic ${EDITOR}`, 'unrecognised'],
    ['an empty header', '', 'unrecognised'],
  ])('%s gives the role %s', (_case, header, role) => {
    expect(authenticate(header)).toEqual({ role, writesEnabled: true });
  });

  it('knows writes are off when only readers are configured', () => {
    expect(createAuthenticator([{ role: 'reader', token: READER }])(`Bearer ${READER}`)).toEqual({ role: 'reader', writesEnabled: false });
  });
});

describe('requireEditor', () => {
  it('lets an editor write', () => {
    expect(refusal({ role: 'editor', writesEnabled: true })).toBeUndefined();
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

  it('refuses a reader: FORBIDDEN, 403', () => {
    const error = refusal({ role: 'reader', writesEnabled: true });
    expect(error?.extensions).toMatchObject({ code: 'FORBIDDEN', http: { status: 403 } });
    expect(error?.message).toMatch(/reader role; writes need an editor token/);
  });

  it('says how to configure an editor token when there is none, whoever asks', () => {
    for (const role of [null, 'unrecognised', 'reader'] as const) {
      const error = refusal({ role, writesEnabled: false });
      expect(error?.extensions?.code).toBe('FORBIDDEN');
      expect(error?.message).toMatch(/no editor token is configured.*CURATION_TOKENS=editor:<token>/);
    }
  });
});
