import path from 'node:path';
import { CypherExecutor } from '../cypher/executor.ts';
import { migrate } from '../cypher/migrate.ts';
import { FixtureError, messageOf } from '../model/errors.ts';
import { loadDataset } from '../services/ingest/load.ts';
import { loadConfig } from './config.ts';
import { StartupError } from './errors.ts';
import { acquireNeo4j } from './neo4j/acquire.ts';
import { createDriver, verifyNeo4j } from './neo4j/driver.ts';
import { describeLoad } from './seed.ts';

/**
 * `npm run load -- <dataset folder> [more folders]`: validates and loads datasets into the
 * configured Neo4j (NEO4J_URI, else the embedded one, shared with a running `npm start`).
 */
const USAGE = 'usage: npm run load -- <dataset folder> [<dataset folder> …]';
const LOAD_TIMEOUT_MS = 30 * 60_000;

async function main(dirs: string[]): Promise<void> {
  if (dirs.length === 0 || dirs.some((dir) => dir.startsWith('-'))) throw new StartupError(USAGE);
  const config = loadConfig();
  const target = await acquireNeo4j(config, { allowContainer: false });
  const driver = createDriver(target, { poolSize: 2 });
  try {
    await verifyNeo4j(driver, target);
    await migrate(driver, target.database);
    const executor = new CypherExecutor(driver, { database: target.database, timeoutMs: LOAD_TIMEOUT_MS });
    for (const dir of dirs) {
      let shown = 0;
      const report = await loadDataset(executor, path.resolve(dir), {
        onProgress: (done, total) => {
          // A line per tenth of a large load; small ones finish before anyone would read it.
          if (total >= 10_000 && done - shown >= total / 10) {
            shown = done;
            console.error(`load: ${Math.round((100 * done) / total)}% (${done} of ${total} rows)`);
          }
        },
      });
      console.log(describeLoad(report));
    }
  } finally {
    await driver.close();
    await target.stop();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const known = error instanceof StartupError || error instanceof FixtureError;
  console.error(`tianshan load: ${known ? error.message : `failed: ${messageOf(error)}`}`);
  process.exitCode = 1;
});
