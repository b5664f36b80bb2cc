import { createYoga, useReadinessCheck, type YogaServerInstance } from 'graphql-yoga';
import type { Driver } from 'neo4j-driver';
import { SessionTracker } from '../cypher/sessions.ts';
import { messageOf } from '../model/errors.ts';
import type { Caller } from '../schema/caller.ts';
import type { Context } from '../schema/context.ts';
import { schema } from '../schema/index.ts';
import type { ChangeFeed } from '../services/changes/feed.ts';
import { createAuthenticator, createBearerCheck, type CurationToken } from './auth.ts';
import { createChangeFeed } from './change-feed.ts';
import { clientKey, type NodeServerContext } from './client-address.ts';
import { loadConfig } from './config.ts';
import { createJwtVerifier, type JwtOptions } from './jwt.ts';
import { createContext, type ContextOptions } from './context.ts';
import { EXAMPLE_QUERY } from './example-query.ts';
import { DEFAULT_POLICY, policyPlugins, type AppPolicy } from './http-policy.ts';
import { silentLogger, type Logger } from './log.ts';
import { Metrics } from './metrics.ts';
import { checkNeo4jWithin } from './neo4j/driver.ts';
import { corsAllowList } from './plugins/cors-allow-list.ts';
import { bookmarksOf, useBookmarks } from './plugins/use-bookmarks.ts';
import { useClientErrors } from './plugins/use-client-errors.ts';
import { useCompiledQueries } from './plugins/use-compiled-queries.ts';
import { METRICS_PATH, useMetrics } from './plugins/use-metrics.ts';
import { useRequestLog } from './plugins/use-request-log.ts';
import { useSecurityHeaders } from './plugins/use-security-headers.ts';
import { useUnavailableStatus } from './plugins/use-unavailable-status.ts';
import { requestIdOf } from './request-id.ts';
import { webPages } from './web/use-web-pages.ts';
import { yogaLogger } from './yoga-logger.ts';

export interface AppOptions extends Omit<ContextOptions, 'changes'> {
  readonly driver: Driver;
  /** The process's live changes, which it ends at shutdown; when not given, the app follows the change log itself every `changesPollMs`. */
  readonly changes?: ChangeFeed;
  /** CHANGES_POLL_MS, for a feed of the app's own. @default 250 */
  readonly changesPollMs?: number;
  /** Bearer tokens for mutations (`CURATION_TOKENS`); without an editor token or JWTs every mutation is refused. */
  readonly curationTokens?: readonly CurationToken[];
  /** JWT bearer tokens from an identity provider (`jwtOptions(config)`); none when not given. */
  readonly jwt?: JwtOptions | undefined;
  /** Request lines and Yoga's own messages; none when not given (tests). */
  readonly log?: Logger;
  /** READY_TIMEOUT_MS; its default when not given. */
  readonly readyTimeoutMs?: number;
  /** Add process metrics (CPU, heap, GC, event loop) to /metrics: for the server process only. */
  readonly processMetrics?: boolean;
  /** METRICS_TOKEN: when given, /metrics answers only requests that send it as a bearer token. */
  readonly metricsToken?: string | undefined;
  /** Served over TLS (TLS_CERT): answers then tell browsers to use HTTPS only (Strict-Transport-Security). @default false */
  readonly tls?: boolean;
  /** Limits, introspection, CORS and trusted documents (`appPolicy(config)`). @default DEFAULT_POLICY: the defaults of a development server */
  readonly policy?: AppPolicy;
}

export type App = YogaServerInstance<Record<string, unknown>, Context>;

const GRAPHQL_ENDPOINT = '/graphql';

/**
 * The GraphQL app, apart from the process that listens, so tests can call `app.fetch()`.
 * `/health` answers while the process lives (Yoga's own); `/ready` only while Neo4j answers.
 */
export function createApp(options: AppOptions): App {
  const log = options.log ?? silentLogger;
  const authenticate = createAuthenticator(options.curationTokens ?? [], options.jwt && createJwtVerifier(options.jwt, log));
  const readyTimeoutMs = options.readyTimeoutMs ?? loadConfig({}).READY_TIMEOUT_MS;
  const policy = options.policy ?? DEFAULT_POLICY;
  const sessions = options.sessions ?? new SessionTracker();
  const metrics = new Metrics({ routes: ['/graphql', '/health', '/ready', METRICS_PATH], sessions, processMetrics: options.processMetrics ?? false });
  const changes =
    options.changes ??
    createChangeFeed({ ...options, sessions, log, pollMs: options.changesPollMs ?? loadConfig({}).CHANGES_POLL_MS, maxPerClient: policy.maxSubscriptionsPerClient });
  const contextOptions: ContextOptions = {
    ...options,
    changes,
    sessions,
    onQuery: (event) => {
      metrics.observeQuery(event);
      options.onQuery?.(event);
    },
  };
  const pages = webPages({ endpoint: GRAPHQL_ENDPOINT, graphiql: policy.introspection, trustedDocuments: policy.trustedDocuments });
  return createYoga<Record<string, unknown>, Context>({
    schema,
    graphqlEndpoint: GRAPHQL_ENDPOINT,
    healthCheckEndpoint: '/health',
    landingPage: false,
    // Never reveal the cause of an unexpected error, even in development: it may hold Cypher.
    maskedErrors: { isDev: false },
    // GraphiQL cannot work without introspection. Our page loads it from our own server (server/web/).
    graphiql: policy.introspection ? { title: 'Tianshan GraphiQL', defaultQuery: EXAMPLE_QUERY } : false,
    renderGraphiQL: ({ title, defaultQuery }) => pages.renderGraphiQL({ title: title ?? 'Tianshan GraphiQL', defaultQuery: defaultQuery ?? EXAMPLE_QUERY }),
    cors: corsAllowList(policy.corsOrigins),
    // Our own limit (policyPlugins) names it DOCUMENT_TOO_LARGE and covers GET query strings too.
    maxRequestBodySize: false,
    // No field takes an upload, so multipart bodies are refused (415) instead of parsed.
    multipart: false,
    logging: yogaLogger(log),
    context: (initial) => {
      const { request } = initial;
      const connected = (initial as NodeServerContext).req?.socket?.remoteAddress;
      const contextOf = (caller: Caller) =>
        createContext(contextOptions, requestIdOf(request), clientKey(caller, connected, request.headers.get('x-forwarded-for'), policy.trustProxy), caller, bookmarksOf(request));
      // Only a JWT takes a promise (its keys may need fetching); a configured token or none answers at once.
      const caller = authenticate(request.headers.get('authorization'));
      return caller instanceof Promise ? caller.then(contextOf) : contextOf(caller);
    },
    plugins: [
      useSecurityHeaders({ strictTransportSecurity: options.tls ?? false }),
      useCompiledQueries(),
      useClientErrors(),
      useBookmarks(),
      useUnavailableStatus(),
      useRequestLog(log),
      useMetrics(metrics, options.metricsToken === undefined ? undefined : createBearerCheck(options.metricsToken)),
      useReadinessCheck({
        endpoint: '/ready',
        check: async () => {
          try {
            await checkNeo4jWithin(options.driver, options.database, readyTimeoutMs);
            return true;
          } catch (error) {
            // 503 without the driver's message in the body; the reason goes to the log.
            log.warn('not ready: Neo4j does not answer', { reason: messageOf(error) });
            return false;
          }
        },
      }),
      ...policyPlugins(policy),
      pages.plugin,
    ],
  });
}
