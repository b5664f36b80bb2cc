import type { ExecutionResult, GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { ErrorCode } from '../../schema/errors.ts';
import { rewriteError } from './rewrite-error.ts';

/**
 * Seconds a client should wait before trying again: a lost connection is retried within about a second, and
 * the embedded Neo4j restarts in a few.
 */
export const RETRY_AFTER_SECONDS = 5;

const STATUS_OF: Partial<Record<string, number>> = {
  [ErrorCode.ServiceUnavailable]: 503,
  [ErrorCode.Timeout]: 504,
};

/**
 * A response with no data whose every error says the database is unavailable (or a query ran out of time)
 * says so with its status too, for clients that accept `application/graphql-response+json`: 503 (or 504) and
 * `Retry-After`, as the GraphQL-over-HTTP spec allows. `application/json` clients keep 200, as that spec asks
 * (`http.spec`), and an answer with some data is a partial result: 200 for everyone.
 */
export function useUnavailableStatus(): Plugin {
  const unavailable = new WeakSet<Request>();
  return {
    onExecutionResult({ request, result, setResult }) {
      if (!result || Array.isArray(result) || Symbol.asyncIterator in result) return;
      const status = unavailableStatus(result);
      if (status === undefined) return;
      unavailable.add(request);
      setResult({ ...result, errors: result.errors?.map((error) => withStatus(error, status)) });
    },
    onResponse({ request, response }) {
      if (unavailable.has(request) && response.status >= 500) response.headers.set('retry-after', String(RETRY_AFTER_SECONDS));
    },
  };
}

/** 503 when every error is SERVICE_UNAVAILABLE and nothing was answered; 504 when some are QUERY_TIMEOUT instead. Exported for its test. */
export function unavailableStatus(result: ExecutionResult): number | undefined {
  const statuses = (result.errors ?? []).map((error) => STATUS_OF[String(error.extensions['code'])]);
  if (statuses.length === 0 || statuses.some((status) => status === undefined)) return undefined;
  const answered = result.data != null && Object.values(result.data).some((value) => value !== null);
  if (answered) return undefined;
  return statuses.includes(504) ? 504 : 503;
}

function withStatus(error: GraphQLError, status: number): GraphQLError {
  return rewriteError(error, { extensions: { ...error.extensions, http: { status, spec: true } } });
}
