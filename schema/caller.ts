import { ErrorCode, clientError } from './errors.ts';

/**
 * Who may write. Reads are open to all; mutations need a bearer token that configuration
 * (`CURATION_TOKENS`) gives the `editor` role. A `reader` token is known but may not write.
 */
export const ROLES = ['reader', 'editor'] as const;
export type Role = (typeof ROLES)[number];

/** What the request's `Authorization` header proved, plus whether writing is possible at all. */
export interface Caller {
  /** The role of the bearer token; `unrecognised` for a header that is not a configured token; null without a header. */
  readonly role: Role | 'unrecognised' | null;
  /** False when no editor token is configured: then no one may write, whatever they send. */
  readonly writesEnabled: boolean;
}

const HOW_TO_CONFIGURE = 'set CURATION_TOKENS=editor:<token> (32 or more characters, e.g. from `openssl rand -hex 32`) and restart';

/** Throws UNAUTHENTICATED or FORBIDDEN (with the matching HTTP status) unless the caller may write. */
export function requireEditor(caller: Caller): void {
  if (!caller.writesEnabled) throw forbidden(`Writes are turned off: no editor token is configured. To allow them, ${HOW_TO_CONFIGURE}.`);
  if (caller.role === null) throw unauthenticated('Writes need an editor token: send the header `Authorization: Bearer <token>`.');
  if (caller.role === 'unrecognised') throw unauthenticated('The bearer token is not recognised; send `Authorization: Bearer <token>` with a configured editor token.', 'invalid_token');
  if (caller.role !== 'editor') throw forbidden(`This token has the ${caller.role} role; writes need an editor token.`);
}

function unauthenticated(message: string, bearerError?: string) {
  const challenge = bearerError ? `Bearer realm="tianshan", error="${bearerError}"` : 'Bearer realm="tianshan"';
  return clientError(ErrorCode.Unauthenticated, message, { http: { status: 401, headers: { 'WWW-Authenticate': challenge } } });
}

function forbidden(message: string) {
  return clientError(ErrorCode.Forbidden, message, { http: { status: 403 } });
}
