import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { QueryEvent } from '../cypher/executor.ts';
import type { SessionTracker } from '../cypher/sessions.ts';
import type { RequestSummary } from './plugins/use-request-summary.ts';

export interface MetricsOptions {
  /** The app's own paths; any other path is counted as OTHER_ROUTE, so scanners cannot add label values. */
  readonly routes: readonly string[];
  /** The app's open Neo4j sessions, read at each scrape. */
  readonly sessions: SessionTracker;
  /** prom-client's process metrics (CPU, heap, event-loop lag, GC): for the server process, not for apps made in tests. */
  readonly processMetrics: boolean;
}

export const OTHER_ROUTE = 'other';
/** Operation names come from clients: past this many distinct ones, the rest share OTHER_OPERATION. */
export const MAX_OPERATION_NAMES = 200;
export const OTHER_OPERATION = '(other)';

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const QUERY_SECONDS = [0.001, 0.0025, ...SECONDS];

/**
 * The app's Prometheus metrics, in a registry of its own (not prom-client's global one), so that
 * several apps in one process (tests) do not count into each other or clash on registration.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly #requests: Counter<'route' | 'operation' | 'status'>;
  readonly #requestSeconds: Histogram<'route' | 'operation'>;
  readonly #errors: Counter<'code'>;
  readonly #queries: Counter<'query' | 'outcome'>;
  readonly #querySeconds: Histogram<'query'>;
  readonly #routes: ReadonlySet<string>;
  readonly #operations = new Set<string>();

  constructor(options: MetricsOptions) {
    const registers = [this.registry];
    this.#routes = new Set(options.routes);
    this.#requests = new Counter({
      name: 'tianshan_http_requests_total',
      help: 'HTTP requests by route, GraphQL operation name (empty when not GraphQL) and status.',
      labelNames: ['route', 'operation', 'status'],
      registers,
    });
    this.#requestSeconds = new Histogram({
      name: 'tianshan_http_request_duration_seconds',
      help: 'Time from receiving a request to its response being ready.',
      labelNames: ['route', 'operation'],
      buckets: SECONDS,
      registers,
    });
    this.#errors = new Counter({
      name: 'tianshan_graphql_errors_total',
      help: 'Errors in GraphQL responses by extensions.code.',
      labelNames: ['code'],
      registers,
    });
    this.#queries = new Counter({
      name: 'tianshan_cypher_queries_total',
      help: 'Cypher round-trips to Neo4j by query name and outcome (ok, error).',
      labelNames: ['query', 'outcome'],
      registers,
    });
    this.#querySeconds = new Histogram({
      name: 'tianshan_cypher_query_duration_seconds',
      help: 'Time of one Cypher round-trip, by query name.',
      labelNames: ['query'],
      buckets: QUERY_SECONDS,
      registers,
    });
    const { sessions } = options;
    // Kept by the registry, which asks it for a value at each scrape.
    new Gauge({
      name: 'tianshan_neo4j_open_sessions',
      help: 'Neo4j sessions open right now; each holds or waits for a pooled connection (see NEO4J_POOL_SIZE).',
      registers,
      collect() {
        this.set(sessions.open);
      },
    });
    if (options.processMetrics) collectDefaultMetrics({ register: this.registry, prefix: 'tianshan_' });
  }

  observeRequest(summary: RequestSummary): void {
    const route = this.#routes.has(summary.path) ? summary.path : OTHER_ROUTE;
    const operation = summary.operation === undefined ? '' : this.#operationLabel(summary.operation);
    this.#requests.inc({ route, operation, status: String(summary.status) });
    this.#requestSeconds.observe({ route, operation }, summary.ms / 1000);
    for (const code of summary.errorCodes) this.#errors.inc({ code });
  }

  observeQuery(event: QueryEvent): void {
    this.#queries.inc({ query: event.name, outcome: event.ok ? 'ok' : 'error' });
    this.#querySeconds.observe({ query: event.name }, event.ms / 1000);
  }

  /** The text format Prometheus scrapes, and its content type. */
  async exposition(): Promise<{ body: string; contentType: string }> {
    return { body: await this.registry.metrics(), contentType: this.registry.contentType };
  }

  #operationLabel(name: string): string {
    if (this.#operations.has(name)) return name;
    if (this.#operations.size >= MAX_OPERATION_NAMES) return OTHER_OPERATION;
    this.#operations.add(name);
    return name;
  }
}
