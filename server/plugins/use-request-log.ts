import type { Plugin } from 'graphql-yoga';
import type { Logger } from '../log.ts';
import { requestIdOf } from '../request-id.ts';
import { ASSETS_PATH } from '../web/static-assets.ts';
import { useRequestSummary, type RequestSummary } from './use-request-summary.ts';

/** Codes that mean the server (or Neo4j) failed, not the client: their requests log at warn. */
const SERVER_FAULTS = new Set(['SERVICE_UNAVAILABLE', 'QUERY_TIMEOUT', 'INTERNAL_SERVER_ERROR']);
/** Polled by orchestrators and Prometheus every few seconds: logged at debug unless they fail. */
const PROBE_PATHS = new Set(['/health', '/ready', '/metrics']);

/**
 * One JSON line per request (operation, status, duration, Cypher round-trips, error codes, request
 * id), and the request id echoed in the `x-request-id` response header so a client can quote it.
 */
export function useRequestLog(log: Logger): Plugin {
  return {
    onPluginInit({ addPlugin }) {
      addPlugin(useRequestSummary((summary) => writeLine(log, summary)));
    },
    onResponse({ request, response }) {
      response.headers.set('x-request-id', requestIdOf(request));
    },
  };
}

function writeLine(log: Logger, summary: RequestSummary): void {
  const fields = { ...summary, ms: Math.round(summary.ms * 10) / 10 };
  if (summary.status >= 500 || summary.errorCodes.some((code) => SERVER_FAULTS.has(code))) {
    log.warn('request', fields);
  } else if (PROBE_PATHS.has(summary.path) || summary.path.startsWith(ASSETS_PATH)) {
    // The pages' files too: a dozen lines per page view would bury the requests that matter.
    log.debug('request', fields);
  } else {
    log.info('request', fields);
  }
}
