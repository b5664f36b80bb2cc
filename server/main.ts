import type { Server } from 'node:http';
import { CypherExecutor } from '../cypher/executor.ts';
import { migrate } from '../cypher/migrate.ts';
import { loadConfig } from './config.ts';
import { StartupError, messageOf } from './errors.ts';
import { listen } from './listen.ts';
import { acquireNeo4j } from './neo4j/acquire.ts';
import { createDriver, verifyNeo4j } from './neo4j/driver.ts';
import { describeLoad, seedIfEmpty } from './seed.ts';
import { createApp } from './yoga.ts';

/** `npm start`: get Neo4j, prepare it, load the seed if empty, serve GraphQL. */
async function main(): Promise<void> {
  const config = loadConfig();
  const target = await acquireNeo4j(config, { allowContainer: false });
  const stopTarget = onceOnly(() => target.stop());
  process.once('exit', () => void stopTarget());
  const driver = createDriver(target, { poolSize: config.NEO4J_POOL_SIZE });
  await verifyNeo4j(driver, target);
  const applied = await migrate(driver, target.database);
  if (applied.length > 0) console.error(`neo4j: applied migrations ${applied.join(', ')}`);
  if (config.LOAD_SEED) {
    const executor = new CypherExecutor(driver, { database: target.database, timeoutMs: 120_000 });
    const report = await seedIfEmpty(executor, config.SEED_DATASET);
    if (report) console.error(`seed: ${describeLoad(report)}`);
  }
  const app = createApp({ driver, database: target.database, timeoutMs: config.NEO4J_TX_TIMEOUT_MS });
  const server = await listen(app, config.HOST, config.PORT);
  const shown = config.HOST === '0.0.0.0' || config.HOST === '127.0.0.1' ? 'localhost' : config.HOST;
  console.log(`Tianshan GraphQL (GraphiQL) at http://${shown}:${config.PORT}/graphql`);

  const shutdown = async (signal: string) => {
    console.error(`${signal}: shutting down`);
    await closeServer(server);
    await driver.close();
    await stopTarget();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}

function onceOnly(stop: () => Promise<void>): () => Promise<void> {
  let stopping: Promise<void> | undefined;
  return () => (stopping ??= stop());
}

main().catch((error: unknown) => {
  // A known start-up problem is one line a person can act on; anything else keeps its message, not a stack.
  console.error(error instanceof StartupError ? `tianshan: ${error.message}` : `tianshan: failed to start: ${messageOf(error)}`);
  process.exit(1);
});
