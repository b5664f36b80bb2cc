import { GraphQLError } from 'graphql';
import { DatabaseUnavailable, InvalidBookmark, QueryTimedOut } from '../cypher/errors.ts';
import { InvalidInput, NotFound, SubscriberFellBehind, TooManySubscriptions } from '../model/errors.ts';

/**
 * Every error code the server gives clients, in one place. Expected failures become a
 * `GraphQLError` with one of these in `extensions.code`; anything else is masked by Yoga.
 */
export const ErrorCode = {
  BadUserInput: 'BAD_USER_INPUT',
  NotFound: 'NOT_FOUND',
  Ambiguous: 'AMBIGUOUS',
  ServiceUnavailable: 'SERVICE_UNAVAILABLE',
  Timeout: 'QUERY_TIMEOUT',
  /** A mutation without a bearer token, or with one that is not configured. */
  Unauthenticated: 'UNAUTHENTICATED',
  /** A mutation with a token whose role may not write, or while no editor token is configured. */
  Forbidden: 'FORBIDDEN',

  // Limits and HTTP policy: the request is refused before any Cypher runs; each code names its limit.
  /** Fields nested deeper than MAX_DEPTH. */
  DepthLimit: 'DEPTH_LIMIT',
  /** More objects than MAX_COST could come back (list sizes, `first`, multiply). */
  CostLimit: 'COST_LIMIT',
  /** More aliases than MAX_ALIASES. */
  AliasLimit: 'ALIAS_LIMIT',
  /** More directives than MAX_DIRECTIVES. */
  DirectiveLimit: 'DIRECTIVE_LIMIT',
  /** A document longer than MAX_TOKENS tokens. */
  TokenLimit: 'TOKEN_LIMIT',
  /** A request body or query string over MAX_DOCUMENT_BYTES (HTTP 413). */
  DocumentTooLarge: 'DOCUMENT_TOO_LARGE',
  /** `__schema` or `__type` while INTROSPECTION is off. */
  IntrospectionDisabled: 'INTROSPECTION_DISABLED',
  /** A request a browser could send cross-site without a preflight (HTTP 403). */
  CsrfHeaderRequired: 'CSRF_HEADER_REQUIRED',
  /** A document sent as text, or no document at all, while only trusted documents run. */
  TrustedDocumentRequired: 'TRUSTED_DOCUMENT_REQUIRED',
  /** A trusted-document hash that is not in the manifest. */
  TrustedDocumentNotFound: 'TRUSTED_DOCUMENT_NOT_FOUND',
  /** A client that has spent its budget of cost points for the window (HTTP 429 with Retry-After). */
  RateLimited: 'RATE_LIMITED',
  /** A client that already holds MAX_SUBSCRIPTIONS_PER_CLIENT live subscriptions open. */
  SubscriptionLimit: 'SUBSCRIPTION_LIMIT',
  /** A request that is not GraphQL over HTTP (broken JSON, no query); Yoga's own code for these too. */
  BadRequest: 'BAD_REQUEST',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** An error a client is meant to see: its message, and `extensions.code` to act on. */
export function clientError(code: ErrorCode, message: string, details: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...details } });
}

/**
 * The one place where errors of the layers below become what a client sees: the domain's (model/errors.ts) and the
 * database's (cypher/errors.ts) get their code and a message a person can act on; the database's error stays as
 * `cause`, for the server log only (not serialised). Anything else is returned as it is, for the server to mask.
 */
export function clientErrorOf(error: unknown): unknown {
  if (error instanceof InvalidInput) return clientError(ErrorCode.BadUserInput, error.message, { problems: error.problems });
  if (error instanceof NotFound) return clientError(ErrorCode.NotFound, error.message, { problems: error.problems });
  if (error instanceof TooManySubscriptions) return clientError(ErrorCode.SubscriptionLimit, error.message, { limit: error.limit });
  if (error instanceof SubscriberFellBehind) return clientError(ErrorCode.SubscriptionLimit, error.message, { limit: error.limit, since: String(error.since) });
  if (error instanceof DatabaseUnavailable) {
    const message = error.reason === 'shutdown' ? 'The server is shutting down; try again shortly.' : 'The database is not reachable right now; try again shortly.';
    return withCause(clientError(ErrorCode.ServiceUnavailable, message), error.cause ?? error);
  }
  if (error instanceof QueryTimedOut) {
    return withCause(clientError(ErrorCode.Timeout, 'The query took too long and was stopped; ask for less (smaller `first`, fewer hops).'), error.cause);
  }
  if (error instanceof InvalidBookmark) {
    return withCause(clientError(ErrorCode.BadRequest, 'Neo4j does not know the bookmarks this request sent: send back those a mutation answered, unchanged.'), error.cause);
  }
  // ConstraintViolated means something only to the service that wrote (createEntity: the id was taken meanwhile),
  // which handles it; one that gets this far is a bug, masked like any other.
  return error;
}

function withCause<E extends Error>(error: E, cause: unknown): E {
  // Not enumerable, so it never reaches a response's JSON.
  Object.defineProperty(error, 'cause', { value: cause, enumerable: false });
  return error;
}
