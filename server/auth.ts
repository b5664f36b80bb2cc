import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { ROLES, type Caller, type Role } from '../schema/caller.ts';

/*
 * Curation tokens: read from configuration (`CURATION_TOKENS`), and matched against each request's
 * `Authorization` header to tell the schema who is calling (schema/caller.ts decides what they may do).
 */

export interface CurationToken {
  readonly role: Role;
  readonly token: string;
}

// RFC 6750's b64token, at least 32 characters (e.g. `openssl rand -hex 32` gives 64) so it cannot be guessed.
const TOKEN = /^[A-Za-z0-9._~+/-]{32,}=*$/;
const BEARER = /^Bearer +(\S+) *$/i;

/**
 * `CURATION_TOKENS`: comma-separated `role:token` pairs, e.g. `editor:<token>,reader:<token>`.
 * Problems name the entry by position, never by its token, since they end up in logs.
 */
export const curationTokensSchema = z.string().transform((value, ctx): CurationToken[] => {
  const tokens: CurationToken[] = [];
  for (const [index, entry] of value.split(',').entries()) {
    const separator = entry.indexOf(':');
    const role = entry.slice(0, separator).trim();
    const token = entry.slice(separator + 1).trim();
    const where = `entry ${index + 1}`;
    if (separator < 0 || !isRole(role)) ctx.addIssue({ code: 'custom', message: `${where}: "role:token" with a role of ${ROLES.join(' or ')}` });
    else if (!TOKEN.test(token)) ctx.addIssue({ code: 'custom', message: `${where}: the token must be 32 or more of A-Z a-z 0-9 . _ ~ + / - (e.g. \`openssl rand -hex 32\`)` });
    else if (tokens.some((known) => known.token === token)) ctx.addIssue({ code: 'custom', message: `${where}: the same token twice` });
    else tokens.push({ role, token });
  }
  return tokens;
});

function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Makes the per-request check of the `Authorization` header over the configured tokens. */
export function createAuthenticator(tokens: readonly CurationToken[]): (authorization: string | null) => Caller {
  const known = tokens.map(({ role, token }) => ({ role, digest: sha256(token) }));
  const writesEnabled = tokens.some((token) => token.role === 'editor');
  return (authorization) => {
    if (authorization === null) return { role: null, writesEnabled };
    const given = BEARER.exec(authorization)?.[1];
    if (given === undefined) return { role: 'unrecognised', writesEnabled };
    // Constant time in the secret: digests all have one length, and every configured token is compared, match or not.
    const digest = sha256(given);
    let role: Role | undefined;
    for (const candidate of known) {
      if (timingSafeEqual(digest, candidate.digest)) role ??= candidate.role;
    }
    return { role: role ?? 'unrecognised', writesEnabled };
  };
}

function sha256(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
