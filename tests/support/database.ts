import { inject } from 'vitest';
import type { Driver } from 'neo4j-driver';
import { CypherExecutor } from '../../cypher/executor.ts';
import { createDriver } from '../../server/neo4j/driver.ts';
import { loadDataset } from '../../services/ingest/load.ts';

export const SEED_DIR = 'fixtures/china-kyrgyzstan-border';
export const INVENTED_DIR = 'tests/fixtures/invented-border';

/** A driver to the run's Neo4j (see global-setup.ts); close it in afterAll. */
export function testDriver(): Driver {
  const target = inject('neo4j');
  return createDriver({ ...target, way: 'uri', stop: async () => {} }, { poolSize: 10 });
}

export function testExecutor(driver: Driver): CypherExecutor {
  // Generous: loads share two cores with other test processes.
  return new CypherExecutor(driver, { database: inject('neo4j').database, timeoutMs: 120_000 });
}

/** Empties the database but keeps its schema (constraints, indexes, migrations). */
export async function emptyDatabase(driver: Driver): Promise<void> {
  await driver.executeQuery('MATCH (e:Entity) DETACH DELETE e', {}, { database: inject('neo4j').database });
}

/** Loads the seed (idempotent, so cheap when it is already there). */
export async function loadSeed(driver: Driver): Promise<void> {
  await loadDataset(testExecutor(driver), SEED_DIR);
}

/** Counts of everything, to show a failed load changed nothing. */
export async function snapshot(driver: Driver): Promise<{ nodes: number; relations: number; hashes: string[] }> {
  const { records } = await driver.executeQuery(
    `MATCH (e:Entity) OPTIONAL MATCH (e)-[r]->()
     WITH e, collect(r.hash) AS rs
     RETURN count(e) AS nodes, sum(size(rs)) AS relations, collect(e.hash) + reduce(all = [], x IN collect(rs) | all + x) AS hashes`,
    {},
    { database: inject('neo4j').database },
  );
  const record = records[0];
  return {
    nodes: Number(record?.get('nodes') ?? 0),
    relations: Number(record?.get('relations') ?? 0),
    hashes: ([...(record?.get('hashes') ?? [])] as string[]).sort(),
  };
}
