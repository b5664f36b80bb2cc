import type { Plugin } from 'graphql-yoga';
import type { Metrics } from '../metrics.ts';
import { useRequestSummary } from './use-request-summary.ts';

export const METRICS_PATH = '/metrics';

/**
 * Counts every request into `metrics` and serves them at GET /metrics for Prometheus to scrape; with
 * `authorised` (METRICS_TOKEN), only to a scraper that sends the token, as a bearer token.
 */
export function useMetrics(metrics: Metrics, authorised?: (authorization: string | null) => boolean): Plugin {
  return {
    onPluginInit({ addPlugin }) {
      addPlugin(useRequestSummary((summary) => metrics.observeRequest(summary)));
    },
    async onRequest({ url, request, endResponse, fetchAPI }) {
      if (url.pathname !== METRICS_PATH) return;
      if (request.method !== 'GET') {
        endResponse(new fetchAPI.Response(null, { status: 405, headers: { allow: 'GET' } }));
        return;
      }
      if (authorised && !authorised(request.headers.get('authorization'))) {
        const challenge = { 'www-authenticate': 'Bearer realm="tianshan-metrics"', 'content-type': 'text/plain; charset=utf-8' };
        endResponse(new fetchAPI.Response('Metrics need `Authorization: Bearer <METRICS_TOKEN>`.\n', { status: 401, headers: challenge }));
        return;
      }
      const { body, contentType } = await metrics.exposition();
      endResponse(new fetchAPI.Response(body, { headers: { 'content-type': contentType } }));
    },
  };
}
