import type { AddressInfo } from 'node:net';
import { ensureWebBuild } from '../explorer/build.ts';
import { CypherExecutor } from '../cypher/executor.ts';
import { migrate } from '../cypher/migrate.ts';
import { SessionTracker } from '../cypher/sessions.ts';
import { messageOf } from '../model/errors.ts';
import { unnamedTokenWarning } from './auth.ts';
import { loadConfig, type Config } from './config.ts';
import { StartupError } from './errors.ts';
import { createChangeFeed } from './change-feed.ts';
import { appPolicy } from './http-policy.ts';
import { jwtOptions } from './jwt.ts';
import { listen, tlsFiles } from './listen.ts';
import { createLogger, type Logger } from './log.ts';
import { acquireNeo4j } from './neo4j/acquire.ts';
import { createDriver, verifyNeo4j } from './neo4j/driver.ts';
import { describeLoad, seedIfEmpty } from './seed.ts';
import { RequestDrain, shutDown } from './shutdown.ts';
import { createApp } from './yoga.ts';

/** `npm start`: get Neo4j, prepare it, load the seed if empty, serve GraphQL, and stop cleanly on a signal. */
async function main(config: Config, log: Logger): Promise<void> {
  const unnamed = unnamedTokenWarning(config.CURATION_TOKENS ?? []);
  if (unnamed) log.warn(unnamed);
  const neo4jLog = log.child({ component: 'neo4j' });
  const target = await acquireNeo4j(config, {
    allowContainer: false,
    log: neo4jLog,
    // The embedded Neo4j keeps crashing: leave it to whoever restarts this service (systemd, Docker).
    onEmbeddedGiveUp: (error) => {
      log.error(`tianshan: ${error.message}; exiting so that the service can be restarted whole`);
      process.exit(1);
    },
  });
  const stopTarget = onceOnly(() => target.stop());
  const driver = createDriver(target, {
    poolSize: config.NEO4J_POOL_SIZE,
    connectTimeoutMs: config.NEO4J_CONNECT_TIMEOUT_MS,
    maxRetryTimeMs: config.NEO4J_MAX_RETRY_TIME_MS,
  });
  await verifyNeo4j(driver, target);
  const applied = await migrate(driver, target.database);
  if (applied.length > 0) neo4jLog.info('applied migrations', { migrations: applied });
  if (config.LOAD_SEED) {
    const executor = new CypherExecutor(driver, { database: target.database, timeoutMs: 120_000 });
    const report = await seedIfEmpty(executor, config.SEED_DATASET);
    if (report) log.info(`seed: ${describeLoad(report)}`, { dataset: config.SEED_DATASET });
  }
  // `npm ci` builds the pages' scripts; this catches a checkout changed since (or installed with --ignore-scripts).
  if (await ensureWebBuild()) log.info('built the pages of the explorer and GraphiQL (dist/web)');
  const sessions = new SessionTracker();
  const policy = appPolicy(config);
  const tls = tlsFiles(config);
  const changes = createChangeFeed({
    driver,
    database: target.database,
    timeoutMs: config.NEO4J_TX_TIMEOUT_MS,
    sessions,
    pollMs: config.CHANGES_POLL_MS,
    maxPerClient: config.MAX_SUBSCRIPTIONS_PER_CLIENT,
    log,
  });
  const app = createApp({
    driver,
    sessions,
    changes,
    database: target.database,
    timeoutMs: config.NEO4J_TX_TIMEOUT_MS,
    maxRetryTimeMs: config.NEO4J_MAX_RETRY_TIME_MS,
    curationTokens: config.CURATION_TOKENS,
    jwt: jwtOptions(config),
    metricsToken: config.METRICS_TOKEN,
    tls: tls !== undefined,
    policy,
    log,
    readyTimeoutMs: config.READY_TIMEOUT_MS,
    processMetrics: true,
  });
  const server = await listen(app, config.HOST, config.PORT, tls);
  const drain = new RequestDrain(server);
  // PORT=0 asks the kernel for a free port: show the one we got.
  const { port } = server.address() as AddressInfo;
  const shown = config.HOST === '0.0.0.0' || config.HOST === '127.0.0.1' ? 'localhost' : config.HOST;
  log.info('listening', { host: config.HOST, port });
  // The one human line, on stdout: what a person starting the server looks for.
  // GraphiQL is served only while introspection is on (see server/http-policy.ts).
  const origin = `${tls ? 'https' : 'http'}://${shown}:${port}`;
  console.log(`Tianshan GraphQL${policy.introspection ? ' (GraphiQL)' : ''} at ${origin}/graphql`);
  console.log(`Explorer at ${origin}/explorer`);

  const shutdown = (signal: string) => () => {
    // Live subscriptions would hold their responses open through the whole grace period: end them first.
    changes.close();
    void shutDown({
      signal,
      drain,
      sessions,
      driver,
      stopNeo4j: stopTarget,
      graceMs: config.SHUTDOWN_GRACE_MS,
      txTimeoutMs: config.NEO4J_TX_TIMEOUT_MS,
      log,
    }).then(
      () => process.exit(0),
      (error: unknown) => {
        log.error('shutdown failed', { error });
        process.exit(1);
      },
    );
  };
  // `once`: a second signal during the shutdown gets Node's default, an immediate exit (the JVM
  // still stops, on the EOF of its stdin), for whoever does not want to wait out the grace period.
  process.once('SIGTERM', shutdown('SIGTERM'));
  process.once('SIGINT', shutdown('SIGINT'));
}

function onceOnly(stop: () => Promise<void>): () => Promise<void> {
  let stopping: Promise<void> | undefined;
  return () => (stopping ??= stop());
}

/** Before the configuration is read (or when it is invalid), log at the default level. */
let log = createLogger({ level: 'info' });
try {
  const config = loadConfig();
  log = createLogger({ level: config.LOG_LEVEL });
  await main(config, log);
} catch (error) {
  // A known start-up problem is one line a person can act on; anything else keeps its message, not a stack.
  log.error(error instanceof StartupError ? `tianshan: ${error.message}` : `tianshan: failed to start: ${messageOf(error)}`);
  process.exit(1);
}
