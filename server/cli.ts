import { CypherExecutor } from '../cypher/executor.ts';
import { migrate } from '../cypher/migrate.ts';
import { FixtureError, LoadRefused, messageOf, NotFound } from '../model/errors.ts';
import { loadConfig } from './config.ts';
import { StartupError } from './errors.ts';
import { acquireNeo4j } from './neo4j/acquire.ts';
import { createDriver, verifyNeo4j } from './neo4j/driver.ts';

/** Loads, removals and exports may be large: a transaction may take this long. */
const TIMEOUT_MS = 30 * 60_000;

/**
 * Runs `work` against the configured Neo4j (NEO4J_URI, else the embedded one, shared with a running
 * `npm start`), migrated, then lets it go: what `npm run load`, `unload` and `export` share.
 */
export async function withDatabase<T>(work: (executor: CypherExecutor) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const target = await acquireNeo4j(config, { allowContainer: false });
  const driver = createDriver(target, { poolSize: 2 });
  try {
    await verifyNeo4j(driver, target);
    await migrate(driver, target.database);
    return await work(new CypherExecutor(driver, { database: target.database, timeoutMs: TIMEOUT_MS }));
  } finally {
    await driver.close();
    await target.stop();
  }
}

/** Runs a command's `main`; a failure is one line (`tianshan <command>: …`, with every problem of a bad dataset) and exit code 1. */
export function runCommand(command: string, main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    const known = error instanceof StartupError || error instanceof FixtureError || error instanceof LoadRefused || error instanceof NotFound;
    console.error(`tianshan ${command}: ${known ? error.message : `failed: ${messageOf(error)}`}`);
    process.exitCode = 1;
  });
}
