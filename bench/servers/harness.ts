import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { REPO_ROOT, type AppTree } from '../variants.ts';

/** How a server's child process is run: the script, and Node's flags before it. */
export interface Harness {
  readonly script: string;
  readonly execArgv: readonly string[];
}

const CHILD = fileURLToPath(new URL('./child.ts', import.meta.url));
/** Git-ignored, and inside the checkout so that the bundle's packages resolve from its node_modules. */
const BUNDLE_DIR = path.join(REPO_ROOT, 'dist', 'bench-harness');

let bundled: Promise<Harness> | undefined;

/**
 * The child process for an app of TypeScript runs through tsx, as `npm start` runs ours. For a build,
 * the child itself must be JavaScript, or tsx would load in the process anyway and with it its source
 * maps, which every stack trace (the driver takes one per query) is formatted through: the harness is
 * bundled once per run with esbuild, packages left to node_modules and each server's code in a chunk
 * of its own that only its process loads.
 */
export function harnessFor(app: AppTree): Promise<Harness> {
  if (app.extension === 'ts') return Promise.resolve({ script: CHILD, execArgv: ['--import', 'tsx'] });
  bundled ??= build({
    entryPoints: [CHILD],
    outdir: BUNDLE_DIR,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  }).then(() => ({ script: path.join(BUNDLE_DIR, 'child.js'), execArgv: [] }));
  return bundled;
}
