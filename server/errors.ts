import { GraphQLError } from 'graphql';

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
  /** A request that is not GraphQL over HTTP (broken JSON, no query); Yoga's own code for these too. */
  BadRequest: 'BAD_REQUEST',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export function clientError(code: ErrorCode, message: string, details: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...details } });
}

/** A problem with how the process was set up (configuration, Neo4j, port): printed as one line, exit 1. */
export class StartupError extends Error {
  override readonly name = 'StartupError';
}

/** The embedded Neo4j's Bolt port is taken (Neo4j Desktop, a second checkout): a StartupError that knows the port. */
export class BoltPortInUseError extends StartupError {
  constructor(readonly port: number) {
    super(`port ${port} on 127.0.0.1 is already in use`);
  }
}

/** A dataset that failed validation; `problems` name the file, the item and the field. */
export class FixtureError extends Error {
  override readonly name = 'FixtureError';
  constructor(readonly problems: readonly string[]) {
    super(`the dataset is invalid (${problems.length} problem${problems.length === 1 ? '' : 's'}); nothing was written:\n  - ${problems.join('\n  - ')}`);
  }
}

/** The message of anything thrown, for logs and one-line startup failures. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
