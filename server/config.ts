import { isIP } from 'node:net';
import { z } from 'zod';
import { DEFAULT_MAX_RETRY_TIME_MS } from '../cypher/retry.ts';
import { bearerSecretSchema, curationTokensSchema } from './auth.ts';
import { StartupError } from './errors.ts';
import { DEFAULT_RESTART_POLICY } from './neo4j/embedded/lifecycle.ts';

/**
 * The only place that reads the environment. Every variable is parsed and checked once at start;
 * all problems are reported together so a person can fix them in one go.
 */
const boolean = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');
const PORT_RANGE = 'a port number from 0 to 65535';
const port = z.coerce.number({ error: PORT_RANGE }).int(PORT_RANGE).min(0, PORT_RANGE).max(65_535, PORT_RANGE);
const size = z.string().regex(/^\d+[kmg]$/i, 'a JVM size such as 512m or 2g');
const LOOPBACK_URL = /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?\//;
const GRAPHQL_MAX_INT = 2_147_483_647;
const JWT_ALGORITHM_NAMES = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'] as const;

const schema = z.object({
  /** Your own Neo4j (bolt://, neo4j://, neo4j+s:// for Aura). Unset: a container in tests, else the embedded one. */
  NEO4J_URI: z.string().regex(/^(bolt|neo4j)(\+s|\+ssc)?:\/\/.+/, 'a Bolt or Neo4j URI such as bolt://localhost:7687').optional(),
  NEO4J_USER: z.string().min(1).default('neo4j'),
  NEO4J_PASSWORD: z.string().optional(),
  NEO4J_DATABASE: z.string().min(1).default('neo4j'),
  /** Bolt port of the embedded Neo4j: exactly this one (taken: an error); 0 picks a free one; unset: 7687, or a free one when 7687 is taken. */
  NEO4J_EMBEDDED_PORT: port.optional(),
  NEO4J_EMBEDDED_DATA: z.string().min(1).default('.neo4j/data'),
  NEO4J_EMBEDDED_HEAP: size.default('2g'),
  NEO4J_EMBEDDED_PAGECACHE: size.default('1g'),
  /** How many times the embedded Neo4j's JVM is restarted within NEO4J_EMBEDDED_RESTART_WINDOW_MS after exiting unexpectedly; one exit more and the server exits 1. 0: never. */
  NEO4J_EMBEDDED_RESTARTS: z.coerce.number().int().min(0).default(DEFAULT_RESTART_POLICY.maxRestarts),
  /** The window NEO4J_EMBEDDED_RESTARTS counts unexpected exits in; older ones are forgotten. */
  NEO4J_EMBEDDED_RESTART_WINDOW_MS: z.coerce.number().int().positive().default(DEFAULT_RESTART_POLICY.windowMs),
  /** Wait before the first restart; it doubles with each further one within the window, up to 30 s. */
  NEO4J_EMBEDDED_RESTART_DELAY_MS: z.coerce.number().int().min(0).default(DEFAULT_RESTART_POLICY.firstDelayMs),
  /** Every Cypher transaction is stopped after this long. */
  NEO4J_TX_TIMEOUT_MS: z.coerce.number().int().positive().default(5_000),
  NEO4J_POOL_SIZE: z.coerce.number().int().positive().default(50),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port.default(4000),
  /** The dataset loaded at start when the database is empty. */
  SEED_DATASET: z.string().min(1).default('fixtures/china-kyrgyzstan-border'),
  LOAD_SEED: boolean.default(true),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),

  // Curation
  /**
   * Bearer tokens for mutations: comma-separated `role:name:token` entries, e.g. `editor:alice:<token>,reader:bob:<token>`.
   * `editor` may write; `reader` is refused writes (reads need no token). The name is who a write is recorded as.
   * Tokens: 32+ characters (`openssl rand -hex 32`). The old `role:token` form works, with a warning at start.
   * Unset: no editor, so every mutation is refused (unless JWTs are configured).
   */
  CURATION_TOKENS: curationTokensSchema.optional(),
  /** The identity provider's key set (JWKS), for JWT bearer tokens: https, or http to a loopback address only. */
  JWT_JWKS_URL: z
    .url({ protocol: /^https?$/, error: 'a URL such as https://id.example.org/.well-known/jwks.json' })
    .refine((url) => url.startsWith('https:') || LOOPBACK_URL.test(url), 'https (http only to localhost, 127.0.0.1 or [::1]): keys fetched in the clear could be swapped')
    .optional(),
  /** Instead of JWT_JWKS_URL: one PEM public key (`-----BEGIN PUBLIC KEY-----`), or the path of a file that holds it. */
  JWT_PUBLIC_KEY: z.string().min(1).optional(),
  /** The issuer (`iss`) a JWT must name; required with a key. */
  JWT_ISSUER: z.string().min(1).optional(),
  /** An audience (`aud`) a JWT must name, this API; required with a key. */
  JWT_AUDIENCE: z.string().min(1).optional(),
  /** Signature algorithms a JWT may use, comma-separated; asymmetric only, so the server holds no signing secret. */
  JWT_ALGORITHMS: z
    .string()
    .transform((list) => list.split(',').map((alg) => alg.trim()).filter((alg) => alg !== ''))
    .pipe(z.array(z.enum(JWT_ALGORITHM_NAMES, { error: `one of ${JWT_ALGORITHM_NAMES.join(', ')}` })).min(1))
    .default(['RS256', 'ES256']),
  /** The JWT claim that names the editor (e.g. `preferred_username`, `email`). */
  JWT_NAME_CLAIM: z.string().min(1).default('sub'),
  /** The JWT claim that gives the role: `editor`, or a list or space-separated string holding it; a dotted path reaches into objects (`realm_access.roles`). */
  JWT_ROLE_CLAIM: z.string().min(1).default('role'),

  // Observability and lifecycle
  /** When set, GET /metrics needs `Authorization: Bearer <METRICS_TOKEN>` (32+ characters); unset: open to whoever reaches the port. */
  METRICS_TOKEN: bearerSecretSchema.optional(),
  /** How long a new Bolt connection, or a free one from the pool, may take before a query fails SERVICE_UNAVAILABLE. */
  NEO4J_CONNECT_TIMEOUT_MS: z.coerce.number().int().positive().default(2_000),
  /** A transaction that failed transiently is tried again while no more than this has passed since its first try (the driver waits ~1 s, doubling, before each new try). */
  NEO4J_MAX_RETRY_TIME_MS: z.coerce.number().int().min(0).default(DEFAULT_MAX_RETRY_TIME_MS),
  /** `/ready` answers 503 when Neo4j has not answered within this long. */
  READY_TIMEOUT_MS: z.coerce.number().int().positive().default(2_000),
  /** After SIGTERM or SIGINT, requests in flight get this long to finish; then no new transaction starts and running ones end by NEO4J_TX_TIMEOUT_MS. */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10_000),

  // Limits and HTTP policy
  /** Deepest nesting of fields in one operation (`DEPTH_LIMIT`). */
  MAX_DEPTH: z.coerce.number().int().positive().default(10),
  /** Most objects one answer may hold, list sizes (`first`) multiplied through (`COST_LIMIT`). */
  MAX_COST: z.coerce.number().int().positive().default(50_000),
  /** Most aliases in one document (`ALIAS_LIMIT`). */
  MAX_ALIASES: z.coerce.number().int().min(0).default(15),
  /** Most directives (`@include`, `@skip`) in one document (`DIRECTIVE_LIMIT`). */
  MAX_DIRECTIVES: z.coerce.number().int().min(0).default(20),
  /** Most tokens (names, punctuation, literals) in one document (`TOKEN_LIMIT`). */
  MAX_TOKENS: z.coerce.number().int().positive().default(1_000),
  /** Largest request body, or GET query string, in bytes (`DOCUMENT_TOO_LARGE`, HTTP 413). */
  MAX_DOCUMENT_BYTES: z.coerce.number().int().positive().default(102_400),
  /** `production` turns introspection and "Did you mean …" hints off unless INTROSPECTION says otherwise. */
  NODE_ENV: z.string().min(1).default('development'),
  /** Whether clients may ask for the schema (introspection, suggestions, GraphiQL); unset: yes unless NODE_ENV=production. */
  INTROSPECTION: boolean.optional(),
  /** Web origins allowed to call the API from a browser, comma-separated (`https://app.example.org`), or `*`; unset: none. */
  CORS_ORIGINS: z
    .string()
    .transform((list) => list.split(',').map((origin) => origin.trim()).filter((origin) => origin !== ''))
    .pipe(z.array(z.string().regex(/^(\*|https?:\/\/[^/\s?#]+)$/, 'an origin such as https://app.example.org (scheme, host, port; no path) or *')))
    .optional(),
  /** A JSON manifest `{ "<sha256 of the document>": "<document>" }`: when set, only those documents run. */
  TRUSTED_DOCUMENTS: z.string().min(1).optional(),

  // Fair use
  /** Cost points (the measure MAX_COST limits) each client may spend per window (`RATE_LIMITED`, HTTP 429); 0 turns the budget off. */
  RATE_LIMIT_POINTS: z.coerce.number().int().min(0).max(GRAPHQL_MAX_INT, 'at most 2147483647, the largest GraphQL Int').default(1_000_000),
  /** Length of a client's window, in seconds, from its first operation. */
  RATE_LIMIT_WINDOW_S: z.coerce.number().int().positive().default(60),
  /** Live subscriptions one client may hold open at once, per server process (`SUBSCRIPTION_LIMIT` beyond it). */
  MAX_SUBSCRIPTIONS_PER_CLIENT: z.coerce.number().int().positive().default(10),
  /** How often each server process reads the change log for new changes while anyone subscribes, in milliseconds. */
  CHANGES_POLL_MS: z.coerce.number().int().min(20).max(60_000).default(250),
  /** Serve HTTPS: the PEM certificate chain file (with TLS_KEY); answers then carry Strict-Transport-Security. Unset: plain HTTP. */
  TLS_CERT: z.string().min(1).optional(),
  /** The PEM private key file of TLS_CERT. */
  TLS_KEY: z.string().min(1).optional(),
  /** Proxies whose `X-Forwarded-For` is believed: how many stand in front (`1`), or their addresses and CIDR ranges, comma-separated; unset: none. */
  TRUST_PROXY: z
    .string()
    .transform((value, ctx): number | string[] => {
      if (/^\d+$/.test(value.trim())) return Number(value);
      const entries = value.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
      for (const entry of entries) {
        if (!isAddressOrRange(entry)) ctx.addIssue({ code: 'custom', message: `"${entry}" is neither a number of proxies nor an IP address or CIDR range such as 10.0.0.0/8` });
      }
      return entries;
    })
    .optional(),
});

/** Settings that only make sense together. */
const checked = schema.superRefine((config, ctx) => {
  const problem = (path: keyof Config, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  const keySource = config.JWT_JWKS_URL ?? config.JWT_PUBLIC_KEY;
  if (config.JWT_JWKS_URL !== undefined && config.JWT_PUBLIC_KEY !== undefined) problem('JWT_PUBLIC_KEY', 'set JWT_JWKS_URL or JWT_PUBLIC_KEY, not both');
  if (keySource !== undefined && config.JWT_ISSUER === undefined) problem('JWT_ISSUER', 'required with JWT_JWKS_URL or JWT_PUBLIC_KEY: the issuer every JWT must name');
  if (keySource !== undefined && config.JWT_AUDIENCE === undefined) problem('JWT_AUDIENCE', 'required with JWT_JWKS_URL or JWT_PUBLIC_KEY: the audience (this API) every JWT must name');
  if (keySource === undefined && (config.JWT_ISSUER ?? config.JWT_AUDIENCE) !== undefined) problem('JWT_ISSUER', 'JWTs also need JWT_JWKS_URL or JWT_PUBLIC_KEY to check their signatures');
  if ((config.TLS_CERT === undefined) !== (config.TLS_KEY === undefined)) problem(config.TLS_CERT === undefined ? 'TLS_CERT' : 'TLS_KEY', 'TLS_CERT and TLS_KEY go together');
  if (config.RATE_LIMIT_POINTS > 0 && config.RATE_LIMIT_POINTS < config.MAX_COST) {
    problem('RATE_LIMIT_POINTS', `at least MAX_COST (${config.MAX_COST}), or an operation the cost limit allows could never run; 0 turns the budget off`);
  }
});

export type Config = z.infer<typeof schema>;

function isAddressOrRange(entry: string): boolean {
  const [address = '', prefix, extra] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  return prefix === undefined || (/^\d+$/.test(prefix) && Number(prefix) <= (family === 6 ? 128 : 32));
}

/** Parses `env` (default: the process environment) or throws one StartupError listing every problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings mean "unset", as in most .env files and compose files.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = checked.safeParse(present);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  throw new StartupError(`invalid configuration: ${problems.join('; ')}`);
}

/** The variables and defaults, for the README's table and its drift test. */
export const CONFIG_KEYS = Object.keys(schema.shape) as (keyof Config)[];
