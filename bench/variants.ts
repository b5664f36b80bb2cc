import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { VariantName } from './questions/types.ts';

/** This checkout: where ours comes from unless a variant says otherwise. */
export const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));

/**
 * A tree ours is taken from: its `server/yoga` (createApp), `server/http-policy` (DEFAULT_POLICY)
 * and `server/neo4j/driver` (createDriver, so that the app gets a driver of its own neo4j-driver),
 * as TypeScript run through tsx (a checkout, `npm ci` done) or as JavaScript run by plain Node (a
 * build, `npm run build`'s dist/node).
 */
export interface AppTree {
  readonly dir: string;
  /** The extension of its modules: `ts` for a checkout, `js` for a build. */
  readonly extension: 'ts' | 'js';
}

export interface Variant extends AppTree {
  readonly name: VariantName;
  readonly label: string;
}

export const OURS_TREE: AppTree = { dir: REPO_ROOT, extension: 'ts' };

/** `<dir>/server/<module>.<ts|js>`: a module of the tree's app. */
export function appModule(tree: AppTree, module: 'yoga' | 'http-policy' | 'neo4j/driver'): string {
  return path.join(tree.dir, 'server', `${module}.${tree.extension}`);
}

const LABEL = /^[a-z0-9][a-z0-9._-]*$/i;

/** `label=dir`, as `--variant` takes it; the directory must hold a checkout or a build of ours. */
export function parseVariant(spec: string): Variant {
  const split = spec.indexOf('=');
  const label = spec.slice(0, split);
  const dir = path.resolve(spec.slice(split + 1));
  if (split < 1 || !LABEL.test(label)) throw new Error(`--variant takes label=dir with a label of letters, digits, '.', '_' or '-', got "${spec}"`);
  const extension = (['ts', 'js'] as const).find((ext) => existsSync(path.join(dir, 'server', `yoga.${ext}`)));
  if (!extension) throw new Error(`--variant ${label}: ${dir} holds neither server/yoga.ts (a checkout) nor server/yoga.js (a build: npm run build writes dist/node)`);
  if (extension === 'ts' && !existsSync(path.join(dir, 'node_modules'))) throw new Error(`--variant ${label}: ${dir} is a checkout without node_modules: run npm ci there`);
  return { name: `ours@${label}`, label, dir, extension };
}
