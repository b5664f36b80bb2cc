import type { Plugin } from 'graphql-yoga';
import type { Metrics } from '../metrics.ts';
import { useRequestSummary } from './use-request-summary.ts';

export const METRICS_PATH = '/metrics';

/** Counts every request into `metrics` and serves them at GET /metrics for Prometheus to scrape. */
export function useMetrics(metrics: Metrics): Plugin {
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
      const { body, contentType } = await metrics.exposition();
      endResponse(new fetchAPI.Response(body, { headers: { 'content-type': contentType } }));
    },
  };
}
