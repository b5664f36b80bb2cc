import type { Plugin } from 'graphql-yoga';
import { trustProxyOf, type TrustProxy } from './client-address.ts';
import { loadConfig, type Config } from './config.ts';
import { useVaryOnOrigin } from './plugins/cors-allow-list.ts';
import { useCsrfPrevention } from './plugins/use-csrf-prevention.ts';
import { useDocumentSizeLimit } from './plugins/use-document-size-limit.ts';
import { useMalformedParams } from './plugins/use-malformed-params.ts';
import { costMeter } from './plugins/operation-cost.ts';
import { useOperationLimits, type OperationLimits } from './plugins/use-operation-limits.ts';
import { useRateLimit } from './plugins/use-rate-limit.ts';
import { useRequestErrorCodes } from './plugins/use-request-error-codes.ts';
import { useSchemaDisclosure } from './plugins/use-schema-disclosure.ts';
import { loadTrustedDocuments, useTrustedDocuments, type TrustedDocuments } from './plugins/use-trusted-documents.ts';
import { RateLimiter, type RateLimitOptions } from './rate-limiter.ts';

/** What the server accepts from clients over HTTP, beyond the schema itself: the "Limits and HTTP policy" variables. */
export interface AppPolicy {
  /** Depth, cost, aliases, directives and tokens of one operation. */
  readonly limits: OperationLimits;
  /** Largest request body, or GET query string, in bytes. @default 102_400 */
  readonly maxDocumentBytes: number;
  /** Whether clients may learn the schema: introspection, "Did you mean …?" hints and GraphiQL. @default true (false when NODE_ENV=production) */
  readonly introspection: boolean;
  /** Origins whose pages may call the API from a browser (`https://app.example.org`), `*` for any. @default [] (same-origin pages only, such as GraphiQL) */
  readonly corsOrigins: readonly string[];
  /** When given, only these documents run, asked for by hash. @default undefined (any document) */
  readonly trustedDocuments?: TrustedDocuments | undefined;
  /** Each client's budget of cost points per window; undefined: no budget. @default { points: 1_000_000, windowMs: 60_000 } */
  readonly rateLimit?: RateLimitOptions | undefined;
  /** Whose `X-Forwarded-For` is believed when a client is known by its address. @default NO_PROXY */
  readonly trustProxy: TrustProxy;
  /** Live subscriptions one client may hold open at once in this process. @default 10 */
  readonly maxSubscriptionsPerClient: number;
}

/** The policy configuration asks for; reads the TRUSTED_DOCUMENTS manifest, so call it once at start-up. */
export function appPolicy(config: Config): AppPolicy {
  return {
    limits: {
      maxDepth: config.MAX_DEPTH,
      maxCost: config.MAX_COST,
      maxAliases: config.MAX_ALIASES,
      maxDirectives: config.MAX_DIRECTIVES,
      maxTokens: config.MAX_TOKENS,
    },
    maxDocumentBytes: config.MAX_DOCUMENT_BYTES,
    introspection: config.INTROSPECTION ?? config.NODE_ENV !== 'production',
    corsOrigins: config.CORS_ORIGINS ?? [],
    trustedDocuments: config.TRUSTED_DOCUMENTS === undefined ? undefined : loadTrustedDocuments(config.TRUSTED_DOCUMENTS),
    rateLimit: config.RATE_LIMIT_POINTS === 0 ? undefined : { points: config.RATE_LIMIT_POINTS, windowMs: config.RATE_LIMIT_WINDOW_S * 1000 },
    trustProxy: trustProxyOf(config.TRUST_PROXY),
    maxSubscriptionsPerClient: config.MAX_SUBSCRIPTIONS_PER_CLIENT,
  };
}

/** The policy of a development server with nothing configured. */
export const DEFAULT_POLICY: AppPolicy = appPolicy(loadConfig({}));

/**
 * The Yoga plugins that enforce `policy`, cheapest checks first (headers, then size, then the
 * document, then the client's budget, charged only for an operation that passed every other check):
 * whatever they refuse never reaches a resolver, let alone Neo4j. The last one only gives
 * graphql-js's own request errors a code. Call it once per app: the budgets live in what it returns.
 */
export function policyPlugins(policy: AppPolicy): Plugin[] {
  const costOf = costMeter();
  const { rateLimit, trustProxy } = policy;
  return [
    ...(policy.corsOrigins.length > 0 ? [useVaryOnOrigin()] : []),
    useCsrfPrevention(),
    useDocumentSizeLimit(policy.maxDocumentBytes),
    useMalformedParams(),
    ...(policy.trustedDocuments ? [useTrustedDocuments(policy.trustedDocuments)] : []),
    useSchemaDisclosure({ introspection: policy.introspection }),
    useOperationLimits(policy.limits, costOf),
    ...(rateLimit ? [useRateLimit({ limiter: new RateLimiter(rateLimit), trustProxy, costOf })] : []),
    useRequestErrorCodes(),
  ];
}
