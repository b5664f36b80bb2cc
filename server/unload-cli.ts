import { datasetIds } from '../cypher/datasets.ts';
import { unloadDatasets } from '../services/ingest/load.ts';
import { runCommand, withDatabase } from './cli.ts';
import { StartupError } from './errors.ts';
import { describeLoad } from './seed.ts';

/**
 * `npm run unload -- <dataset id> [more ids]`: removes what those datasets claim, in one transaction. Items other
 * datasets (or curation, id `curation`) claim too stay with their claims; nothing another dataset still relates
 * to or quotes goes: the removal is refused instead, naming it.
 */
const USAGE = 'usage: npm run unload -- <dataset id> [more ids]   (ids as `npm run load` printed them, or `curation`)';

runCommand('unload', async () => {
  const ids = process.argv.slice(2);
  if (ids.length === 0 || ids.some((id) => id.startsWith('-'))) throw new StartupError(USAGE);
  await withDatabase(async (executor) => {
    const loaded = new Set((await executor.read(datasetIds, {})).map((row) => row.id));
    const unknown = ids.filter((id) => !loaded.has(id));
    if (unknown.length > 0) throw new StartupError(`no dataset ${unknown.map((id) => `"${id}"`).join(', ')} is loaded; loaded: ${[...loaded].join(', ') || 'none'}`);
    for (const report of await unloadDatasets(executor, ids)) console.log(describeLoad(report));
  });
});
