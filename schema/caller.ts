import { ErrorCode, clientError } from './errors.ts';

/**
 * Who may write. Reads are open to all; mutations need a bearer credential that gives the `editor`
 * role: a token from configuration (`CURATION_TOKENS`) or a verified JWT. A `reader` may not write.
 */
export const ROLES = ['reader', 'editor'] as const;
export type Role = (typeof ROLES)[number];

/** What the request's `Authorization` header proved. */
export type Credential =
  /** No `Authorization` header. */
  | { readonly role: null }
  /** A credential we do not accept: not a configured token, or a JWT that fails a check (`problem` says which, for the client). */
  | { readonly role: 'unrecognised'; readonly problem?: string }
  /** A JWT whose signature could not be checked right now: its key set (JWT_JWKS_URL) did not answer. */
  | { readonly role: 'unverifiable' }
  /** A recognised credential and the name of its holder: the token's name in CURATION_TOKENS, or the JWT's name claim. */
  | { readonly role: Role; readonly name: string };

/** The request's credential, plus whether writing is possible at all. */
export type Caller = Credential & {
  /** False when no editor credential is configured: then no one may write, whatever they send. */
  readonly writesEnabled: boolean;
};

const HOW_TO_CONFIGURE = 'set CURATION_TOKENS=editor:<name>:<token> (a token of 32 or more characters, e.g. from `openssl rand -hex 32`) or JWT_ISSUER with a key, and restart';

/**
 * Throws UNAUTHENTICATED or FORBIDDEN (with the matching HTTP status) unless the caller may write;
 * returns the editor's name, which is who a write is recorded as.
 */
export function requireEditor(caller: Caller): string {
  if (!caller.writesEnabled) throw forbidden(`Writes are turned off: no editor token is configured. To allow them, ${HOW_TO_CONFIGURE}.`);
  switch (caller.role) {
    case null:
      throw unauthenticated('Writes need an editor token: send the header `Authorization: Bearer <token>`.');
    case 'unrecognised':
      throw unauthenticated(`${caller.problem ?? 'The bearer token is not recognised'}; send \`Authorization: Bearer <token>\` with a configured editor token.`, 'invalid_token');
    case 'unverifiable':
      // Like the database being down: the status (503, Retry-After) is the server's to set (use-unavailable-status).
      throw clientError(ErrorCode.ServiceUnavailable, "The server cannot check the token's signature right now (its identity provider's keys do not answer); try again shortly.");
    case 'reader':
      throw forbidden(`This token has the reader role; writes need an editor token.`);
    case 'editor':
      return caller.name;
  }
}

function unauthenticated(message: string, bearerError?: string) {
  const challenge = bearerError ? `Bearer realm="tianshan", error="${bearerError}"` : 'Bearer realm="tianshan"';
  return clientError(ErrorCode.Unauthenticated, message, { http: { status: 401, headers: { 'WWW-Authenticate': challenge } } });
}

function forbidden(message: string) {
  return clientError(ErrorCode.Forbidden, message, { http: { status: 403 } });
}
