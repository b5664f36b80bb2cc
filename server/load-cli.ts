import path from 'node:path';
import { datasetFolders } from '../services/ingest/read-dataset.ts';
import { loadDatasets } from '../services/ingest/load.ts';
import { runCommand, withDatabase } from './cli.ts';
import { StartupError } from './errors.ts';
import { describeLoad } from './seed.ts';

/**
 * `npm run load -- <folder> [more folders]`: validates datasets and loads them into the configured Neo4j, all
 * in one transaction, so they may refer to each other's entities and documents. A folder that holds dataset
 * folders rather than a dataset (what `npm run export` writes) stands for all of them: a backup restores whole.
 */
const USAGE = 'usage: npm run load -- <dataset folder, or a folder of them as `npm run export` writes> [more …]';

runCommand('load', async () => {
  const args = process.argv.slice(2);
  if (args.length === 0 || args.some((arg) => arg.startsWith('-'))) throw new StartupError(USAGE);
  const dirs = (await Promise.all(args.map((arg) => datasetFolders(path.resolve(arg))))).flat();
  await withDatabase(async (executor) => {
    let shown = 0;
    const reports = await loadDatasets(executor, dirs, {
      onProgress: (done, total) => {
        // A line per tenth of a large load; small ones finish before anyone would read it.
        if (total >= 10_000 && done - shown >= total / 10) {
          shown = done;
          console.error(`load: ${Math.round((100 * done) / total)}% (${done} of ${total} rows)`);
        }
      },
    });
    for (const report of reports) console.log(describeLoad(report));
  });
});
