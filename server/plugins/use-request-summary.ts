import { getOperationAST, type GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { CypherExecutor } from '../../cypher/executor.ts';
import { requestIdOf } from '../request-id.ts';

/** The facts about one finished HTTP request that logs and metrics are made of. */
export interface RequestSummary {
  readonly requestId: string;
  readonly method: string;
  readonly path: string;
  /** The GraphQL operation's name, ANONYMOUS_OPERATION without one; undefined when the request was not GraphQL. */
  readonly operation: string | undefined;
  readonly status: number;
  readonly ms: number;
  /** Cypher queries sent to Neo4j for this request. */
  readonly roundTrips: number;
  /** `extensions.code` of every error in the response, in order; UNCODED_ERROR for one without. */
  readonly errorCodes: readonly string[];
  /**
   * The first line of each error's underlying cause (e.g. the driver's "connect ECONNREFUSED"
   * behind a SERVICE_UNAVAILABLE), for the server log only: clients never see these.
   */
  readonly errorCauses: readonly string[];
}

export const ANONYMOUS_OPERATION = '(anonymous)';
/** For an `operationName` that no GraphQL document could declare (it goes into logs and metric labels). */
export const INVALID_OPERATION = '(invalid)';
export const UNCODED_ERROR = 'UNCODED';
/** A GraphQL name, of a length fit for a log line or a label. */
const OPERATION_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,99}$/;

interface InFlight {
  readonly started: number;
  operation?: string;
  executor?: CypherExecutor;
  errorCodes: string[];
  errorCauses: string[];
}

/**
 * Gathers a RequestSummary over Yoga's hooks and hands it to `onSummary` once the response is
 * ready. Every HTTP request gets one, GraphQL or not (health checks, GraphiQL, 404s).
 */
export function useRequestSummary(onSummary: (summary: RequestSummary) => void): Plugin {
  // Keyed by the Request object, which every hook below is given; the entry goes in onResponse.
  const inFlight = new WeakMap<Request, InFlight>();
  return {
    instrumentation: {
      // Wraps every request, unlike onRequest, which Yoga's own /health and GraphiQL answer before
      // any plugin of ours is asked.
      request({ request }, handle) {
        inFlight.set(request, { started: performance.now(), errorCodes: [], errorCauses: [] });
        return handle();
      },
    },
    onParams({ request, params }) {
      const entry = inFlight.get(request);
      // Named here too, so requests that fail parsing or validation are still counted under it.
      if (entry) entry.operation = operationOf(params.operationName);
    },
    onExecute({ args }) {
      const entry = inFlight.get(args.contextValue.request);
      if (!entry) return;
      entry.operation = operationOf(getOperationAST(args.document, args.operationName)?.name?.value);
      // The context is ours (server/context.ts), but plugins are typed over Yoga's initial one.
      const context = args.contextValue;
      if ('executor' in context && context.executor instanceof CypherExecutor) entry.executor = context.executor;
    },
    onResultProcess({ request, result }) {
      const entry = inFlight.get(request);
      if (!entry) return;
      const errors = errorsOf(result);
      entry.errorCodes.push(...errors.map(codeOf));
      entry.errorCauses.push(...errors.flatMap(causeOf));
    },
    onResponse({ request, response }) {
      const entry = inFlight.get(request);
      if (!entry) return;
      inFlight.delete(request);
      onSummary({
        requestId: requestIdOf(request),
        method: request.method,
        path: new URL(request.url).pathname,
        operation: entry.operation,
        status: response.status,
        ms: performance.now() - entry.started,
        roundTrips: entry.executor?.roundTrips ?? 0,
        errorCodes: entry.errorCodes,
        errorCauses: entry.errorCauses,
      });
    },
  };
}

function operationOf(name: string | null | undefined): string {
  if (name == null) return ANONYMOUS_OPERATION;
  return OPERATION_NAME.test(name) ? name : INVALID_OPERATION;
}

type ProcessedResult = Parameters<NonNullable<Plugin['onResultProcess']>>[0]['result'];

function errorsOf(result: ProcessedResult): readonly GraphQLError[] {
  // Subscriptions (async iterables) are not part of this API; their errors would be per event.
  if (Symbol.asyncIterator in result) return [];
  const results = Array.isArray(result) ? result : [result];
  return results.flatMap((single) => single.errors ?? []);
}

/** Our coded errors keep the driver's error as `cause` (cypher/driver-errors.ts); GraphQL wraps them as `originalError`. */
function causeOf(error: GraphQLError): string[] {
  const cause = error.originalError?.cause;
  return cause instanceof Error ? [cause.message.split('\n')[0] ?? ''] : [];
}

function codeOf(error: GraphQLError): string {
  const code = error.extensions?.['code'];
  return typeof code === 'string' ? code : UNCODED_ERROR;
}
