import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { migrate } from '../../cypher/migrate.ts';
import { loadConfig } from '../../server/config.ts';
import { acquireNeo4j } from '../../server/neo4j/acquire.ts';
import { createDriver } from '../../server/neo4j/driver.ts';

export interface TestNeo4j {
  readonly way: string;
  readonly uri: string;
  readonly user: string | undefined;
  readonly password: string | undefined;
  readonly database: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    neo4j: TestNeo4j;
  }
}

/** Starts one real Neo4j for the whole run (NEO4J_URI, else a container, else embedded) and migrates it. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const config = loadConfig();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'tianshan-test-neo4j-'));
  const target = await acquireNeo4j(config, { allowContainer: true, embeddedPort: 0, embeddedDataDir: dataDir });
  const driver = createDriver(target, { poolSize: 4 });
  try {
    await migrate(driver, target.database);
  } finally {
    await driver.close();
  }
  const { way, uri, user, password, database } = target;
  project.provide('neo4j', { way, uri, user, password, database });
  return async () => {
    await target.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
}
