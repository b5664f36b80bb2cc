import path from 'node:path';
import { parseArgs } from 'node:util';
import { messageOf } from '../model/errors.ts';
import { exportDatasets } from '../services/export/export-datasets.ts';
import { runCommand, withDatabase } from './cli.ts';
import { StartupError } from './errors.ts';

/**
 * `npm run export -- <dir> [--dataset <id>]`: writes every loaded dataset (or one), curated facts included, back
 * to the fixture format, one folder `<dir>/<id>` each. `npm run load -- <dir>` loads them all back.
 */
const USAGE = 'usage: npm run export -- <folder> [--dataset <id>]   (each dataset goes to <folder>/<id>; curated facts are the dataset `curation`)';

runCommand('export', async () => {
  const { dir, dataset } = parseCommandLine(process.argv.slice(2));
  await withDatabase(async (executor) => {
    const reports = await exportDatasets(executor, path.resolve(dir), dataset);
    if (reports.length === 0) console.error('export: no dataset is loaded; nothing was written');
    for (const report of reports) {
      console.log(`dataset ${report.dataset}: ${report.documents} documents, ${report.entities} entities, ${report.relations} relations -> ${report.dir}`);
    }
  });
});

function parseCommandLine(args: string[]): { dir: string; dataset: string | undefined } {
  try {
    const { positionals, values } = parseArgs({ args, options: { dataset: { type: 'string' } }, allowPositionals: true, strict: true });
    const [dir, ...rest] = positionals;
    if (dir !== undefined && rest.length === 0) return { dir, dataset: values.dataset };
  } catch (error) {
    throw new StartupError(`${messageOf(error)}\n${USAGE}`);
  }
  throw new StartupError(USAGE);
}
