import { exportSPKI, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { StartupError } from '../../server/errors.ts';
import type { JwtVerifier } from '../../server/auth.ts';
import { createJwtVerifier, jwtOptions } from '../../server/jwt.ts';
import { silentLogger } from '../../server/log.ts';

const ISSUER = 'https://id.example.org/';
const AUDIENCE = 'tianshan-api';
let keys: { privateKey: CryptoKey; publicKey: CryptoKey };
let pem: string;

beforeAll(async () => {
  keys = await generateKeyPair('ES256', { extractable: true });
  pem = await exportSPKI(keys.publicKey);
});

function verifier(env: Record<string, string> = {}): JwtVerifier {
  const options = jwtOptions(loadConfig({ JWT_PUBLIC_KEY: pem, JWT_ISSUER: ISSUER, JWT_AUDIENCE: AUDIENCE, ...env }));
  if (!options) throw new Error('JWTs should be on');
  return createJwtVerifier(options, silentLogger);
}

const sign = (claims: Record<string, unknown>, alg = 'ES256') =>
  new SignJWT(claims).setProtectedHeader({ alg }).setIssuer(ISSUER).setAudience(AUDIENCE).setExpirationTime('1m').sign(keys.privateKey);

describe('JWT configuration', () => {
  it('is off by default, with sub naming the holder and role giving the role', () => {
    const config = loadConfig({});
    expect(jwtOptions(config)).toBeUndefined();
    expect([config.JWT_ALGORITHMS, config.JWT_NAME_CLAIM, config.JWT_ROLE_CLAIM]).toEqual([['RS256', 'ES256'], 'sub', 'role']);
  });

  it.each([
    ['a key without issuer or audience', { JWT_JWKS_URL: 'https://id.example.org/jwks.json' }, /JWT_ISSUER: required.*JWT_AUDIENCE: required/],
    ['both a JWKS URL and a key', { JWT_JWKS_URL: 'https://id.example.org/jwks.json', JWT_PUBLIC_KEY: 'key.pem', JWT_ISSUER: ISSUER, JWT_AUDIENCE: AUDIENCE }, /not both/],
    ['an issuer without a key', { JWT_ISSUER: ISSUER, JWT_AUDIENCE: AUDIENCE }, /also need JWT_JWKS_URL or JWT_PUBLIC_KEY/],
    ['a JWKS URL in the clear to another host', { JWT_JWKS_URL: 'http://id.example.org/jwks.json', JWT_ISSUER: ISSUER, JWT_AUDIENCE: AUDIENCE }, /JWT_JWKS_URL: https/],
    ['a shared-secret algorithm', { JWT_ALGORITHMS: 'RS256,HS256' }, /JWT_ALGORITHMS.*one of RS256/],
  ])('refuses %s at start', (_case, env, message) => {
    expect(() => loadConfig(env)).toThrow(StartupError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('takes the key as PEM text or as the path of a file, and says so when it is neither', () => {
    expect(() => jwtOptions(loadConfig({ JWT_PUBLIC_KEY: 'no/such/key.pem', JWT_ISSUER: ISSUER, JWT_AUDIENCE: AUDIENCE }))).toThrow(/JWT_PUBLIC_KEY: cannot read no\/such\/key.pem/);
    expect(() => jwtOptions(loadConfig({ JWT_PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----\nbroken\n-----END PUBLIC KEY-----', JWT_ISSUER: ISSUER, JWT_AUDIENCE: AUDIENCE }))).toThrow(/not a PEM public key/);
  });
});

describe('a verified JWT', () => {
  it('names its holder by the name claim, and is an editor only when the role claim says so', async () => {
    const verify = verifier();
    expect(await verify(await sign({ sub: 'alice', role: 'editor' }))).toEqual({ role: 'editor', name: 'alice' });
    expect(await verify(await sign({ sub: 'bob', role: 'reader' }))).toEqual({ role: 'reader', name: 'bob' });
    expect(await verify(await sign({ sub: 'carol' }))).toEqual({ role: 'reader', name: 'carol' });
    expect(await verify(await sign({ sub: 'dan', role: 'curation:read editor' }))).toEqual({ role: 'editor', name: 'dan' });
  });

  it('reads other claims when configured to, and refuses a token whose name claim is missing', async () => {
    const verify = verifier({ JWT_NAME_CLAIM: 'email', JWT_ROLE_CLAIM: 'https://tianshan.example/roles' });
    expect(await verify(await sign({ sub: 'x1', email: 'alice@example.org', 'https://tianshan.example/roles': ['editor'] }))).toEqual({ role: 'editor', name: 'alice@example.org' });
    expect(await verify(await sign({ sub: 'x1' }))).toEqual({ role: 'unrecognised', problem: 'The token has no "email" claim naming its holder' });
  });

  it('refuses an algorithm that is not configured, and garbage', async () => {
    const verify = verifier({ JWT_ALGORITHMS: 'RS256' });
    expect(await verify(await sign({ sub: 'alice', role: 'editor' }))).toEqual({ role: 'unrecognised', problem: 'The token is signed with an algorithm this server does not accept' });
    expect(await verify('a.b.c')).toEqual({ role: 'unrecognised', problem: 'The bearer token is not a valid JWT for this server' });
  });
});
