import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { ROLES, type Caller, type Credential, type Role } from '../schema/caller.ts';

/*
 * Curation tokens: read from configuration (`CURATION_TOKENS`), and matched against each request's
 * `Authorization` header to tell the schema who is calling (schema/caller.ts decides what they may do).
 * JWTs from an identity provider are the alternative (server/jwt.ts).
 */

export interface CurationToken {
  readonly role: Role;
  /** Who holds it: what the schema is told, and what a write is recorded as. */
  readonly name: string;
  readonly token: string;
  /** True for the old `role:token` form, whose holder is called `unnamed-<entry number>`. */
  readonly unnamed?: boolean;
}

// RFC 6750's b64token, at least 32 characters (e.g. `openssl rand -hex 32` gives 64) so it cannot be guessed.
const TOKEN = /^[A-Za-z0-9._~+/-]{32,}=*$/;
const BEARER = /^Bearer +(\S+) *$/i;
/** A holder's name goes into logs and records of who changed what: letters and digits of any script, and `.` `_` `@` `-`. */
const NAME = /^[\p{L}\p{N}][\p{L}\p{N}._@-]{0,63}$/u;

/**
 * `CURATION_TOKENS`: comma-separated `role:name:token` entries, e.g. `editor:alice:<token>,reader:bob:<token>`.
 * The old `role:token` form still works (deprecated; see `unnamedTokenWarning`). A name may hold several
 * tokens (to rotate them) but only one role. Problems name the entry by position, never by its token,
 * since they end up in logs.
 */
export const curationTokensSchema = z.string().transform((value, ctx): CurationToken[] => {
  const tokens: CurationToken[] = [];
  for (const [index, entry] of value.split(',').entries()) {
    const parts = entry.split(':').map((part) => part.trim());
    const [role = '', name, token = ''] = parts.length === 3 ? parts : [parts[0], undefined, parts[1]];
    const where = `entry ${index + 1}`;
    const roleOfName = tokens.find((known) => known.name === name)?.role;
    if (parts.length < 2 || parts.length > 3 || !isRole(role)) ctx.addIssue({ code: 'custom', message: `${where}: "role:name:token" with a role of ${ROLES.join(' or ')}` });
    else if (name !== undefined && !NAME.test(name)) ctx.addIssue({ code: 'custom', message: `${where}: the name must be 1 to 64 letters, digits, . _ @ or -, starting with a letter or digit` });
    else if (!TOKEN.test(token)) ctx.addIssue({ code: 'custom', message: `${where}: the token must be 32 or more of A-Z a-z 0-9 . _ ~ + / - (e.g. \`openssl rand -hex 32\`)` });
    else if (tokens.some((known) => known.token === token)) ctx.addIssue({ code: 'custom', message: `${where}: the same token twice` });
    else if (roleOfName !== undefined && roleOfName !== role) ctx.addIssue({ code: 'custom', message: `${where}: ${name} already has the ${roleOfName} role` });
    else tokens.push(name === undefined ? { role, name: `unnamed-${index + 1}`, token, unnamed: true } : { role, name, token });
  }
  return tokens;
});

/** The one start-up warning for tokens in the old `role:token` form, or undefined when every token is named. */
export function unnamedTokenWarning(tokens: readonly CurationToken[]): string | undefined {
  const unnamed = tokens.filter((token) => token.unnamed).map((token) => token.name);
  if (unnamed.length === 0) return undefined;
  return `CURATION_TOKENS: ${unnamed.length} token(s) without a holder's name, known as ${unnamed.join(', ')}; the "role:token" form is deprecated: write "role:name:token" (e.g. editor:alice:<token>) so that changes name their author`;
}

function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Checks one compact JWT (server/jwt.ts); never throws. */
export type JwtVerifier = (token: string) => Promise<Credential>;

/** A compact JWS: three base64url parts. Anything else is not worth handing to the verifier. */
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/**
 * Makes the per-request check of the `Authorization` header: against the configured tokens, then,
 * when JWTs are configured and none matched, as a JWT. Answers at once unless a JWT must be verified.
 */
export function createAuthenticator(tokens: readonly CurationToken[], verifyJwt?: JwtVerifier): (authorization: string | null) => Caller | Promise<Caller> {
  const known = tokens.map(({ role, name, token }) => ({ role, name, digest: sha256(token) }));
  const writesEnabled = verifyJwt !== undefined || tokens.some((token) => token.role === 'editor');
  return (authorization) => {
    if (authorization === null) return { role: null, writesEnabled };
    const given = BEARER.exec(authorization)?.[1];
    if (given === undefined) return { role: 'unrecognised', writesEnabled };
    // Constant time in the secret: digests all have one length, and every configured token is compared, match or not.
    const digest = sha256(given);
    let holder: (typeof known)[number] | undefined;
    for (const candidate of known) {
      if (timingSafeEqual(digest, candidate.digest)) holder ??= candidate;
    }
    if (holder) return { role: holder.role, name: holder.name, writesEnabled };
    if (verifyJwt && JWT_SHAPE.test(given)) return verifyJwt(given).then((credential) => ({ ...credential, writesEnabled }));
    return { role: 'unrecognised', writesEnabled };
  };
}

/** One secret bearer token (METRICS_TOKEN), as hard to guess as a curation token. */
export const bearerSecretSchema = z.string().regex(TOKEN, 'the token must be 32 or more of A-Z a-z 0-9 . _ ~ + / - (e.g. `openssl rand -hex 32`)');

/** Whether an `Authorization` header is `Bearer <secret>`, compared in constant time in the secret. */
export function createBearerCheck(secret: string): (authorization: string | null) => boolean {
  const expected = sha256(secret);
  return (authorization) => {
    const given = authorization === null ? undefined : BEARER.exec(authorization)?.[1];
    // Compared even without a credential, so that the answer takes as long either way.
    return timingSafeEqual(sha256(given ?? ''), expected) && given !== undefined;
  };
}

function sha256(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
