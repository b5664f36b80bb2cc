import { createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { messageOf } from '../model/errors.ts';
import type { JwtVerifier } from './auth.ts';
import type { Config } from './config.ts';
import { StartupError } from './errors.ts';
import type { Logger } from './log.ts';

/*
 * JWT bearer tokens from an identity provider, verified by `jose` (signature, issuer, audience,
 * expiry); a claim names the holder and one gives the role. An alternative to CURATION_TOKENS for
 * deployments that already have an identity provider.
 */

export interface JwtOptions {
  /** Where the signing keys come from: the provider's JWKS (fetched and cached by jose), or one public key. */
  readonly keys: { readonly jwksUrl: URL } | { readonly publicKey: KeyObject };
  /** The `iss` a token must carry. */
  readonly issuer: string;
  /** An `aud` a token must carry: this API. */
  readonly audience: string;
  /** Signature algorithms accepted (`alg`). @default ['RS256', 'ES256'] */
  readonly algorithms: readonly string[];
  /** The claim that names the holder, who a write is recorded as. @default 'sub' */
  readonly nameClaim: string;
  /** The claim that gives the role: `editor`, or a list holding it; anything else counts as a reader. A dotted path reaches into objects. @default 'role' */
  readonly roleClaim: string;
}

/** Clocks of the provider and of this server may differ a little; a token is taken this long either side of its times. */
const CLOCK_TOLERANCE_S = 30;
const MAX_NAME_LENGTH = 200;

/** The JWT options configuration asks for, or undefined when JWTs are off; reads JWT_PUBLIC_KEY's file, so call it once at start-up. */
export function jwtOptions(config: Config): JwtOptions | undefined {
  const { JWT_JWKS_URL, JWT_PUBLIC_KEY, JWT_ISSUER, JWT_AUDIENCE } = config;
  // The configuration's own check makes sure these come together.
  if (JWT_ISSUER === undefined || JWT_AUDIENCE === undefined) return undefined;
  const keys = JWT_JWKS_URL !== undefined ? { jwksUrl: new URL(JWT_JWKS_URL) } : { publicKey: publicKeyOf(JWT_PUBLIC_KEY ?? '') };
  return {
    keys,
    issuer: JWT_ISSUER,
    audience: JWT_AUDIENCE,
    algorithms: config.JWT_ALGORITHMS,
    nameClaim: config.JWT_NAME_CLAIM,
    roleClaim: config.JWT_ROLE_CLAIM,
  };
}

/** JWT_PUBLIC_KEY is the PEM text itself, or the path of a file holding it. */
function publicKeyOf(setting: string): KeyObject {
  let pem = setting;
  if (!setting.trimStart().startsWith('-----BEGIN')) {
    try {
      pem = readFileSync(setting, 'utf8');
    } catch (error) {
      throw new StartupError(`JWT_PUBLIC_KEY: cannot read ${setting}: ${messageOf(error)}`);
    }
  }
  try {
    return createPublicKey(pem);
  } catch {
    throw new StartupError('JWT_PUBLIC_KEY: not a PEM public key (-----BEGIN PUBLIC KEY-----)');
  }
}

/** The key set could not be fetched or read: the token may be fine, but nobody can tell right now. */
class KeysUnavailable extends Error {
  override readonly name = 'KeysUnavailable';
}

export function createJwtVerifier(options: JwtOptions, log: Logger): JwtVerifier {
  const getKey = 'jwksUrl' in options.keys ? remoteKeys(options.keys.jwksUrl) : options.keys.publicKey;
  const verifyOptions = {
    issuer: options.issuer,
    audience: options.audience,
    algorithms: [...options.algorithms],
    requiredClaims: ['exp'],
    clockTolerance: CLOCK_TOLERANCE_S,
  };
  return async (token) => {
    let payload: JWTPayload;
    try {
      // Two calls rather than a union argument: jose types its key-set and single-key forms apart.
      payload = (typeof getKey === 'function' ? await jwtVerify(token, getKey, verifyOptions) : await jwtVerify(token, getKey, verifyOptions)).payload;
    } catch (error) {
      if (error instanceof KeysUnavailable) {
        log.warn('cannot check JWTs: the key set does not answer', { reason: messageOf(error.cause) });
        return { role: 'unverifiable' };
      }
      return { role: 'unrecognised', problem: problemOf(error) };
    }
    const name = payload[options.nameClaim];
    if (typeof name !== 'string' || name.trim() === '' || name.length > MAX_NAME_LENGTH) {
      return { role: 'unrecognised', problem: `The token has no "${options.nameClaim}" claim naming its holder` };
    }
    return { role: rolesOf(claimAt(payload, options.roleClaim)).includes('editor') ? 'editor' : 'reader', name: name.trim() };
  };
}

/** jose's cached JWKS, whose failures to fetch or parse the set are told apart from a token that fails its checks. */
function remoteKeys(url: URL): JWTVerifyGetKey {
  const jwks = createRemoteJWKSet(url);
  return async (header, token) => {
    try {
      return await jwks(header, token);
    } catch (error) {
      // A token whose key is not in the set is the token's problem; anything else (network, timeout, a broken set) is ours.
      if (error instanceof errors.JOSEError && !(error instanceof errors.JWKSTimeout) && !(error instanceof errors.JWKSInvalid)) throw error;
      throw new KeysUnavailable('the JWKS could not be fetched', { cause: error });
    }
  };
}

/** What is wrong with a token, for the client: said plainly, without echoing its contents. */
function problemOf(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'The token has expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    return error.reason === 'missing' ? `The token has no "${error.claim}" claim` : `The token's "${error.claim}" claim is not one this server accepts`;
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return "The token's signature does not verify";
  if (error instanceof errors.JWKSNoMatchingKey) return "The token's signing key is not among the issuer's keys";
  if (error instanceof errors.JOSEAlgNotAllowed) return 'The token is signed with an algorithm this server does not accept';
  return 'The bearer token is not a valid JWT for this server';
}

/** The claim by its exact name, else by a dotted path (`realm_access.roles`), since providers nest roles. */
function claimAt(payload: JWTPayload, claim: string): unknown {
  if (claim in payload) return payload[claim];
  let value: unknown = payload;
  for (const key of claim.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function rolesOf(value: unknown): string[] {
  if (typeof value === 'string') return value.split(' ');
  return Array.isArray(value) ? value.filter((role): role is string => typeof role === 'string') : [];
}
