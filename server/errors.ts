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
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export function clientError(code: ErrorCode, message: string, details: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...details } });
}

/** A problem with how the process was set up (configuration, Neo4j, port): printed as one line, exit 1. */
export class StartupError extends Error {
  override readonly name = 'StartupError';
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
