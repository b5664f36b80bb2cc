import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { migrate } from '../cypher/migrate.ts';
import { STAGE_ABOVE_ROWS } from '../services/ingest/staged-load.ts';
import { loadConfig, type Config } from '../server/config.ts';
import { acquireNeo4j } from '../server/neo4j/acquire.ts';
import { createDriver } from '../server/neo4j/driver.ts';
import type { BenchTarget } from './servers/types.ts';

/** A Neo4j of the benchmark's own: got the usual way, in a fresh folder, on a free port. */
export interface BenchNeo4j {
  readonly target: BenchTarget;
  readonly driver: Driver;
  /** How it was got and with how much memory, for the report. */
  readonly description: string;
  /** The embedded Neo4j's JVM, for its CPU per request; undefined for a Neo4j elsewhere. */
  readonly pid: number | undefined;
  stop(): Promise<void>;
}

const GIB = 1024 ** 3;
/**
 * The loader writes a dataset in one transaction, whose state Neo4j keeps on the heap and caps
 * at 70% of it (dbms.memory.transaction.total.max): SHOW TRANSACTIONS estimates about 32 KB per
 * entity with its five relations, so 100,000 entities need ~3.1 GiB of transaction state; with
 * 2 or 4 GiB of heap the load is refused (and says so). The heap is sized for two and a half
 * times that, within half of this machine's memory.
 */
const HEAP_BYTES_PER_ENTITY = 80 * 1024;
/** Rows per generated entity: itself and its five relations. */
const ROWS_PER_ENTITY = 6;
/**
 * A staged load (above the loader's threshold) commits in batches; only its publishing transaction, which
 * relabels every node, holds state for the whole dataset: SHOW TRANSACTIONS estimated 516 MB for 100,000
 * entities (their index entries under the new labels), a sixth of a one-transaction load. The heap is sized
 * for twice that, at least 4 GiB, with 4 GiB of page cache for the larger graph.
 */
const STAGED_HEAP_BYTES_PER_ENTITY = 10 * 1024;

/**
 * An imported store holds no large transaction: the heap need only serve the reads (4 GiB), and the page cache is
 * as large as the staged load's (4 GiB), beside the several GB the bench's own process still holds while the
 * servers start.
 */
const IMPORTED = { NEO4J_EMBEDDED_HEAP: '4g', NEO4J_EMBEDDED_PAGECACHE: '4g' } as const;

function memoryFor(entities: number, oneTransaction: boolean, imported: boolean): Pick<Config, 'NEO4J_EMBEDDED_HEAP' | 'NEO4J_EMBEDDED_PAGECACHE'> | undefined {
  if (imported) return entities * ROWS_PER_ENTITY > STAGE_ABOVE_ROWS ? IMPORTED : undefined;
  if (!oneTransaction && entities * ROWS_PER_ENTITY > STAGE_ABOVE_ROWS) {
    return { NEO4J_EMBEDDED_HEAP: `${Math.max(4, Math.ceil((entities * STAGED_HEAP_BYTES_PER_ENTITY) / GIB))}g`, NEO4J_EMBEDDED_PAGECACHE: '4g' };
  }
  const heapGib = Math.min(Math.ceil((entities * HEAP_BYTES_PER_ENTITY) / GIB), Math.floor(totalmem() / 2 / GIB));
  return heapGib > 2 ? { NEO4J_EMBEDDED_HEAP: `${heapGib}g`, NEO4J_EMBEDDED_PAGECACHE: '2g' } : undefined;
}

/**
 * The offline importer writes the store of the embedded Neo4j the benchmark starts; a Neo4j of your own (NEO4J_URI)
 * would never see it. Checked before anything is generated, and again before an import.
 */
export function requireEmbeddedForImport(config: Pick<Config, 'NEO4J_URI'>): void {
  if (config.NEO4J_URI !== undefined) {
    throw new Error(
      'the offline importer writes the store of an embedded Neo4j before it starts, and NEO4J_URI names a Neo4j of your own: ' +
        'unset NEO4J_URI, or load through transactions (--one-transaction, or a scale under 500,000 without --importer)',
    );
  }
}

/**
 * `beforeStart` prepares the empty data folder before Neo4j starts in it (the offline importer writes its store there),
 * so that Neo4j is always the embedded one, even where a container runtime answers.
 */
export async function startBenchNeo4j(entities: number, oneTransaction: boolean, log: (line: string) => void, beforeStart?: (dataDir: string) => Promise<void>): Promise<BenchNeo4j> {
  const config: Config = { ...loadConfig(), ...memoryFor(entities, oneTransaction, beforeStart !== undefined) };
  if (beforeStart) requireEmbeddedForImport(config);
  const dataDir = await mkdtemp(path.join(tmpdir(), 'tianshan-bench-neo4j-'));
  // The embedded launcher names its JVM only in its log ("... (JVM pid 1234) ..."); without it, CPU shows n/a.
  if (beforeStart) {
    try {
      await beforeStart(dataDir);
    } catch (error) {
      await rm(dataDir, { recursive: true, force: true });
      throw error;
    }
  }
  let pid: number | undefined;
  const listen = {
    info: (line: string) => {
      pid ??= Number(/JVM pid (\d+)/.exec(line)?.[1]) || undefined;
      log(line);
    },
    warn: log,
    error: (line: string, fields?: Record<string, unknown>) => log(fields === undefined ? line : `${line} ${JSON.stringify(fields)}`),
  };
  const acquired = await acquireNeo4j(config, { allowContainer: beforeStart === undefined, embeddedPort: 0, embeddedDataDir: dataDir, log: listen });
  const driver = createDriver(acquired, { poolSize: config.NEO4J_POOL_SIZE });
  // Once, whoever asks first: a full run with the importer stops this Neo4j half-way, and its caller again at the end.
  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      await driver.close();
      await acquired.stop();
      await rm(dataDir, { recursive: true, force: true });
    })());
  try {
    // An imported store builds every index here, which takes minutes for a million entities.
    await migrate(driver, acquired.database, beforeStart ? { indexWaitSeconds: 3 * 60 * 60 } : {});
    // A folder the importer filled holds its dataset; any other must be empty.
    if (!beforeStart) await requireEmpty(driver, acquired.database);
  } catch (error) {
    await stop();
    throw error;
  }
  const { uri, user, password, database } = acquired;
  const memory = acquired.way === 'embedded' ? ` (heap ${config.NEO4J_EMBEDDED_HEAP}, page cache ${config.NEO4J_EMBEDDED_PAGECACHE})` : '';
  return { target: { uri, user, password, database }, driver, description: `${acquired.way}${memory}`, pid, stop };
}

/**
 * The benchmark loads, measures and compares against a database holding nothing else: with
 * NEO4J_URI pointing at a database in use, it stops rather than mixing its data into yours.
 */
export async function requireEmpty(driver: Driver, database: string): Promise<void> {
  const { records } = await driver.executeQuery('MATCH (e:Entity) RETURN count(e) AS entities', {}, { database });
  const entities = Number(records[0]?.get('entities') ?? 0);
  if (entities > 0) throw new Error(`the benchmark needs an empty database; ${database} holds ${entities} entities`);
}
