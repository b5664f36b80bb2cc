import path from 'node:path';
import type { Config } from '../config.ts';
import { BoltPortInUseError, StartupError } from '../errors.ts';
import { chooseNeo4jWay, type Neo4jWay } from './choose.ts';
import { containerRuntimeAnswers, startNeo4jContainer } from './container.ts';
import { embeddedToolsAvailable } from './embedded/build.ts';
import { startEmbeddedNeo4j, type EmbeddedNeo4j } from './embedded/index.ts';
import { DEFAULT_RESTART_POLICY } from './embedded/lifecycle.ts';
import { stderrLog, type EmbeddedLog } from './embedded/log.ts';
import { readMarker } from './embedded/marker.ts';
import { EMBEDDED_USER, readPassword } from './embedded/password.ts';
import { DEFAULT_BOLT_PORT, type IfPortTaken } from './embedded/port.ts';

/** A Neo4j to talk to, however it was got, and how to let it go. */
export interface Neo4jTarget {
  readonly way: Neo4jWay;
  readonly uri: string;
  readonly user: string | undefined;
  readonly password: string | undefined;
  readonly database: string;
  /** Stops what this process started; a Neo4j of your own is left running. */
  stop(): Promise<void>;
}

export interface AcquireOptions {
  readonly allowContainer: boolean;
  /** Overrides NEO4J_EMBEDDED_PORT / NEO4J_EMBEDDED_DATA, e.g. a free port and a temp folder for tests. */
  readonly embeddedPort?: number;
  readonly embeddedDataDir?: string;
  /** The embedded Neo4j's JVM kept exiting and is not restarted again (see NEO4J_EMBEDDED_RESTARTS). */
  readonly onEmbeddedGiveUp?: (error: Error) => void;
  readonly log?: EmbeddedLog;
}

const DESCRIPTIONS: Record<Neo4jWay, string> = {
  uri: 'your Neo4j (NEO4J_URI)',
  container: 'a container (neo4j:5.26-community)',
  embedded: 'embedded Neo4j Community 5.26',
};

/** Gets a Neo4j by the one resolution order shared by `npm start`, `npm test` and the benchmarks. */
export async function acquireNeo4j(config: Config, options: AcquireOptions): Promise<Neo4jTarget> {
  const log = options.log ?? stderrLog;
  const tools = embeddedToolsAvailable();
  const way = await chooseNeo4jWay({
    uri: config.NEO4J_URI,
    allowContainer: options.allowContainer,
    containerRuntime: containerRuntimeAnswers,
    ...tools,
  });
  const target = await start(way, config, options, log);
  log.info(`neo4j: using ${DESCRIPTIONS[way]} at ${target.uri}`);
  return target;
}

async function start(way: Neo4jWay, config: Config, options: AcquireOptions, log: EmbeddedLog): Promise<Neo4jTarget> {
  const database = config.NEO4J_DATABASE;
  switch (way) {
    case 'uri':
      return {
        way,
        uri: config.NEO4J_URI ?? '',
        user: config.NEO4J_USER,
        password: config.NEO4J_PASSWORD,
        database,
        stop: async () => {},
      };
    case 'container': {
      const container = await startNeo4jContainer();
      return { way, uri: container.uri, user: container.user, password: container.password, database, stop: container.stop };
    }
    case 'embedded': {
      const dataDir = path.resolve(options.embeddedDataDir ?? config.NEO4J_EMBEDDED_DATA);
      // Community edition has one user database, `neo4j`, and one user, with the password in the data folder.
      const embeddedTarget = (uri: string, password: string, stop: () => Promise<void>): Neo4jTarget => ({
        way,
        uri,
        user: EMBEDDED_USER,
        password,
        database: 'neo4j',
        stop,
      });
      // A store can be open in one JVM only: `npm run load` next to a running `npm start` uses its Neo4j.
      const running = readMarker(dataDir);
      if (running?.state === 'restarting') {
        throw new StartupError(
          `the embedded Neo4j of ${dataDir} (run by process ${running.owner}) is being restarted after its JVM exited; try again in a moment`,
        );
      }
      if (running) {
        log.info(`neo4j: the embedded Neo4j of ${dataDir} is already running (process ${running.owner}, JVM pid ${running.jvm}); using it`);
        return embeddedTarget(running.uri, readPassword(dataDir, log), async () => {});
      }
      const embedded = await startEmbedded(dataDir, config, options, log);
      return embeddedTarget(embedded.uri, embedded.password, () => embedded.stop());
    }
  }
}

/** Starts the embedded Neo4j as configured; a taken Bolt port is one line that names NEO4J_EMBEDDED_PORT. */
async function startEmbedded(dataDir: string, config: Config, options: AcquireOptions, log: EmbeddedLog): Promise<EmbeddedNeo4j> {
  const configured = options.embeddedPort ?? config.NEO4J_EMBEDDED_PORT;
  try {
    return await startEmbeddedNeo4j({
      dataDir,
      ...embeddedPortChoice(configured),
      heap: config.NEO4J_EMBEDDED_HEAP,
      pageCache: config.NEO4J_EMBEDDED_PAGECACHE,
      restarts: {
        maxRestarts: config.NEO4J_EMBEDDED_RESTARTS,
        windowMs: config.NEO4J_EMBEDDED_RESTART_WINDOW_MS,
        firstDelayMs: config.NEO4J_EMBEDDED_RESTART_DELAY_MS,
        maxDelayMs: Math.max(DEFAULT_RESTART_POLICY.maxDelayMs, config.NEO4J_EMBEDDED_RESTART_DELAY_MS),
      },
      onGiveUp: options.onEmbeddedGiveUp,
      log,
    });
  } catch (error) {
    if (!(error instanceof BoltPortInUseError)) throw error;
    const { port } = error;
    throw new StartupError(
      configured === undefined || configured === 0
        ? `the embedded Neo4j's Bolt port ${port} on 127.0.0.1 was taken by another process while it started; start again`
        : `NEO4J_EMBEDDED_PORT=${port}: port ${port} on 127.0.0.1 is already in use (another Neo4j?); stop what uses it, ` +
            'set NEO4J_EMBEDDED_PORT to another port, or leave it unset to have a free one picked',
    );
  }
}

/**
 * The Bolt port to ask for: NEO4J_EMBEDDED_PORT when it is set, and nothing else (0: any free one);
 * unset, Neo4j's usual 7687, or any free port when something else has 7687 (Neo4j Desktop, a second checkout).
 */
export function embeddedPortChoice(configured: number | undefined): { boltPort: number; ifBoltPortTaken: IfPortTaken } {
  return configured === undefined ? { boltPort: DEFAULT_BOLT_PORT, ifBoltPortTaken: 'use-a-free-port' } : { boltPort: configured, ifBoltPortTaken: 'fail' };
}
