// JWT bearer tokens from an identity provider: real tokens signed with keys made here, checked by the
// app against a JWKS served over HTTP (or a PEM key), with the writes landing in the run's Neo4j.
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { jwtOptions } from '../../server/jwt.ts';
import { dataOf, testApp } from '../support/app.ts';
import { loadSeed, snapshot, testDriver } from '../support/database.ts';

const ISSUER = 'https://id.example.org/';
const AUDIENCE = 'tianshan-api';
const ID = 'jwt-written-region';
const CREATE = 'mutation ($input: CreateEntityInput!) { createEntity(input: $input) { entity { id name } } }';
const input = (id: string) => ({
  id,
  kind: 'Region',
  name: `Region ${id}`,
  description: 'A region written with a JWT.',
  sources: [{ quote: 'across various mountain ridges and peaks of the Tian Shan range', sourceId: 'wikipedia-china-kyrgyzstan-border' }],
});

let driver: Driver;
let signing: { privateKey: CryptoKey; publicKey: CryptoKey };
let stranger: { privateKey: CryptoKey };
let jwks: Server;
let jwksUrl: string;
let jwksRequests = 0;

/** A token as the provider would issue it, with `overrides` to its claims, signed by `key` (the provider's own by default). */
async function token(claims: Record<string, unknown> = {}, options: { key?: CryptoKey; expiresIn?: string | number; kid?: string } = {}) {
  return new SignJWT({ sub: 'alice', role: 'editor', ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? 'provider-key-1' })
    .setIssuer(typeof claims['iss'] === 'string' ? claims['iss'] : ISSUER)
    .setAudience(typeof claims['aud'] === 'string' ? claims['aud'] : AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '5m')
    .sign(options.key ?? signing.privateKey);
}

const bearer = (jwt: string) => ({ authorization: `Bearer ${jwt}` });

beforeAll(async () => {
  driver = testDriver();
  await loadSeed(driver);
  signing = await generateKeyPair('RS256', { extractable: true });
  stranger = await generateKeyPair('RS256');
  const publicJwk: JWK = { ...(await exportJWK(signing.publicKey)), kid: 'provider-key-1', alg: 'RS256', use: 'sig' };
  jwks = createServer((_request, response) => {
    jwksRequests += 1;
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [publicJwk] }));
  });
  jwks.listen(0, '127.0.0.1');
  await once(jwks, 'listening');
  jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/.well-known/jwks.json`;
});

afterAll(async () => {
  await driver.executeQuery('MATCH (e:Entity) WHERE e.id STARTS WITH $prefix DETACH DELETE e', { prefix: 'jwt-written-' }, { database: inject('neo4j').database });
  jwks.close();
  await driver.close();
});

/** The app with JWTs checked against the JWKS server (as configured through the environment, the way `npm start` reads it). */
function appWithJwks(extra: Record<string, string> = {}) {
  const config = loadConfig({ JWT_JWKS_URL: jwksUrl, JWT_ISSUER: ISSUER, JWT_AUDIENCE: AUDIENCE, ...extra });
  return testApp(driver, { jwt: jwtOptions(config) });
}

describe('JWT bearer tokens, keys from a JWKS URL', () => {
  it('let an editor write', async () => {
    const { graphql } = appWithJwks();
    const response = await graphql(CREATE, { input: input(ID) }, bearer(await token()));
    expect(dataOf(response)).toEqual({ createEntity: { entity: { id: ID, name: `Region ${ID}` } } });
    expect(jwksRequests).toBeGreaterThan(0);
  });

  it.each([
    ['an expired token', () => token({}, { expiresIn: Math.floor(Date.now() / 1000) - 3600 }), /The token has expired/],
    ['another issuer', () => token({ iss: 'https://evil.example.org/' }), /"iss" claim is not one this server accepts/],
    ['another audience', () => token({ aud: 'someone-else' }), /"aud" claim is not one this server accepts/],
    ['a signature by another key', () => token({}, { key: stranger.privateKey }), /signature does not verify/],
    ['a key the issuer does not have', () => token({}, { key: stranger.privateKey, kid: 'unknown-key' }), /not among the issuer's keys/],
    ['no name claim', () => token({ sub: undefined }), /no "sub" claim naming its holder/],
  ])('refuse %s: UNAUTHENTICATED, 401 with a Bearer challenge, nothing written', async (_case, make, message) => {
    const { graphql } = appWithJwks();
    const before = await snapshot(driver);
    const response = await graphql(CREATE, { input: input('jwt-written-refused') }, bearer(await make()));
    expect(response.errors?.map((error) => error.extensions?.['code'])).toEqual(['UNAUTHENTICATED']);
    expect(response.errors?.[0]?.message).toMatch(message);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="tianshan", error="invalid_token"');
    expect(await snapshot(driver)).toEqual(before);
  });

  it('refuse a token without an expiry, which would be good for ever', async () => {
    const { graphql } = appWithJwks();
    const forever = await new SignJWT({ sub: 'alice', role: 'editor' })
      .setProtectedHeader({ alg: 'RS256', kid: 'provider-key-1' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .sign(signing.privateKey);
    const response = await graphql(CREATE, { input: input('jwt-written-refused') }, bearer(forever));
    expect(response.errors?.[0]).toMatchObject({ message: expect.stringMatching(/no "exp" claim/), extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('refuse a reader, or a token with no role: FORBIDDEN, 403', async () => {
    const { graphql } = appWithJwks();
    for (const claims of [{ role: 'reader' }, { role: undefined }, { role: ['reader', 'auditor'] }]) {
      const response = await graphql(CREATE, { input: input('jwt-written-refused') }, bearer(await token(claims)));
      expect(response.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
      expect(response.status).toBe(403);
    }
  });

  it('read the name and role from the configured claims, a dotted path reaching into objects', async () => {
    const { graphql } = appWithJwks({ JWT_NAME_CLAIM: 'preferred_username', JWT_ROLE_CLAIM: 'realm_access.roles' });
    const jwt = await token({ sub: 'f81d4fae', preferred_username: 'alice', role: undefined, realm_access: { roles: ['offline', 'editor'] } });
    dataOf(await graphql(CREATE, { input: input('jwt-written-claims') }, bearer(jwt)));
  });

  it('keep reads open whatever the token', async () => {
    const { graphql } = appWithJwks();
    const response = await graphql('{ entity(id: "kyrgyzstan") { name } }', {}, bearer(await token({}, { expiresIn: 0 })));
    expect(dataOf<{ entity: { name: string } }>(response).entity.name).toBe('Kyrgyzstan');
  });

  it('answer SERVICE_UNAVAILABLE, not UNAUTHENTICATED, when the key set cannot be fetched', async () => {
    const down = createServer();
    down.listen(0, '127.0.0.1');
    await once(down, 'listening');
    const { port } = down.address() as AddressInfo;
    down.close();
    const config = loadConfig({ JWT_JWKS_URL: `http://127.0.0.1:${port}/jwks.json`, JWT_ISSUER: ISSUER, JWT_AUDIENCE: AUDIENCE });
    const { graphql } = testApp(driver, { jwt: jwtOptions(config) });
    const response = await graphql(CREATE, { input: input('jwt-written-refused') }, { ...bearer(await token()), accept: 'application/graphql-response+json' });
    expect(response.errors?.map((error) => error.extensions?.['code'])).toEqual(['SERVICE_UNAVAILABLE']);
    expect(response.status).toBe(503);
  });
});

describe('JWT bearer tokens, one PEM public key', () => {
  it('let an editor write, and refuse a token signed by another key', async () => {
    const pem = await exportSPKI(signing.publicKey);
    const { graphql } = testApp(driver, { jwt: jwtOptions(loadConfig({ JWT_PUBLIC_KEY: pem, JWT_ISSUER: ISSUER, JWT_AUDIENCE: AUDIENCE })) });
    dataOf(await graphql(CREATE, { input: input('jwt-written-pem') }, bearer(await token())));
    const forged = await graphql(CREATE, { input: input('jwt-written-forged') }, bearer(await token({}, { key: stranger.privateKey })));
    expect(forged.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    expect(forged.status).toBe(401);
  });
});
