import { inject } from 'vitest';
import type { Driver } from 'neo4j-driver';
import { CypherExecutor } from '../../cypher/executor.ts';
import { createDriver } from '../../server/neo4j/driver.ts';
import { loadDataset } from '../../services/ingest/load.ts';

export const SEED_DIR = 'fixtures/china-kyrgyzstan-border';
export const INVENTED_DIR = 'tests/fixtures/invented-border';
/** A second dataset that defines some of the seed's entities and relations too, some with other names and dates. */
export const FRONTIER_DIR = 'tests/fixtures/russia-qing-frontier';

/** A driver to the run's Neo4j (see global-setup.ts); close it in afterAll. */
export function testDriver(): Driver {
  const target = inject('neo4j');
  return createDriver({ ...target, way: 'uri', stop: async () => {} }, { poolSize: 10 });
}

export function testExecutor(driver: Driver): CypherExecutor {
  // Generous: loads share two cores with other test processes.
  return new CypherExecutor(driver, { database: inject('neo4j').database, timeoutMs: 120_000 });
}

/** Empties the database but keeps its schema (constraints, indexes, migrations) and the change log's counter, which only goes up. */
export async function emptyDatabase(driver: Driver): Promise<void> {
  await driver.executeQuery('MATCH (e:Entity|Claim|Dataset|Change|Staged) DETACH DELETE e', {}, { database: inject('neo4j').database });
}

/** Loads the seed (idempotent, so cheap when it is already there). */
export async function loadSeed(driver: Driver): Promise<void> {
  await loadDataset(testExecutor(driver), SEED_DIR);
}

/** Counts of everything and the hash of every entity, relation and claim, to show a failed load changed nothing. */
export async function snapshot(driver: Driver): Promise<{ nodes: number; relations: number; hashes: string[] }> {
  const { records } = await driver.executeQuery(
    `MATCH (e:Entity) OPTIONAL MATCH (e)-[r]->()
     WITH e, collect(r.hash) AS rs
     WITH count(e) AS nodes, sum(size(rs)) AS relations, collect(e.hash) + reduce(all = [], x IN collect(rs) | all + x) AS hashes
     CALL () { OPTIONAL MATCH (c:Claim) RETURN collect(c.hash) AS claims }
     RETURN nodes, relations, hashes + claims AS hashes`,
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

/**
 * Everything stored, as sorted lines: each entity with its labels and properties, each relation with its type,
 * ends and properties, each claim and each dataset's name. Two databases with equal full snapshots hold the same graph.
 */
export async function fullSnapshot(driver: Driver): Promise<string[]> {
  const { records } = await driver.executeQuery(
    `CALL () {
       MATCH (n) WHERE n:Entity OR n:Claim OR n:Dataset
       RETURN [label IN labels(n) | label] AS head, properties(n) AS props
       UNION ALL
       MATCH (a:Entity)-[r]->(b:Entity)
       RETURN [type(r), a.id, b.id] AS head, properties(r) AS props
     }
     RETURN head, props`,
    {},
    { database: inject('neo4j').database },
  );
  return records.map((record) => JSON.stringify([[...(record.get('head') as string[])].sort(), sortedKeys(record.get('props') as Record<string, unknown>)])).sort();
}

function sortedKeys(props: Record<string, unknown>): [string, unknown][] {
  return Object.keys(props)
    .sort()
    .map((key) => [key, props[key]]);
}
