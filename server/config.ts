import { z } from 'zod';
import { StartupError } from './errors.ts';

/**
 * The only place that reads the environment. Every variable is parsed and checked once at start;
 * all problems are reported together so a person can fix them in one go.
 */
const boolean = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');
const PORT_RANGE = 'a port number from 0 to 65535';
const port = z.coerce.number({ error: PORT_RANGE }).int(PORT_RANGE).min(0, PORT_RANGE).max(65_535, PORT_RANGE);
const size = z.string().regex(/^\d+[kmg]$/i, 'a JVM size such as 512m or 2g');

const schema = z.object({
  /** Your own Neo4j (bolt://, neo4j://, neo4j+s:// for Aura). Unset: a container in tests, else the embedded one. */
  NEO4J_URI: z.string().regex(/^(bolt|neo4j)(\+s|\+ssc)?:\/\/.+/, 'a Bolt or Neo4j URI such as bolt://localhost:7687').optional(),
  NEO4J_USER: z.string().min(1).default('neo4j'),
  NEO4J_PASSWORD: z.string().optional(),
  NEO4J_DATABASE: z.string().min(1).default('neo4j'),
  /** Bolt port of the embedded Neo4j; 0 picks a free one. */
  NEO4J_EMBEDDED_PORT: port.default(7687),
  NEO4J_EMBEDDED_DATA: z.string().min(1).default('.neo4j/data'),
  NEO4J_EMBEDDED_HEAP: size.default('2g'),
  NEO4J_EMBEDDED_PAGECACHE: size.default('1g'),
  /** Every Cypher transaction is stopped after this long. */
  NEO4J_TX_TIMEOUT_MS: z.coerce.number().int().positive().default(5_000),
  NEO4J_POOL_SIZE: z.coerce.number().int().positive().default(50),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port.default(4000),
  /** The dataset loaded at start when the database is empty. */
  SEED_DATASET: z.string().min(1).default('fixtures/china-kyrgyzstan-border'),
  LOAD_SEED: boolean.default(true),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
});

export type Config = z.infer<typeof schema>;

/** Parses `env` (default: the process environment) or throws one StartupError listing every problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings mean "unset", as in most .env files and compose files.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = schema.safeParse(present);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  throw new StartupError(`invalid configuration: ${problems.join('; ')}`);
}

/** The variables and defaults, for the README's table and its drift test. */
export const CONFIG_KEYS = Object.keys(schema.shape) as (keyof Config)[];
