import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
import { build, version as esbuildVersion } from 'esbuild';

/**
 * Bundles the pages' browser code (explorer/src, explorer/graphiql) with the libraries they use, from
 * node_modules, into WEB_BUILD_DIR: nothing a page loads comes from anywhere but our server. Run by
 * `npm ci` (prepare), `npm start` (the server rebuilds when its sources changed) and the browser tests;
 * the output is git-ignored, the sources stay readable.
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const WEB_BUILD_DIR = path.join(ROOT, 'dist', 'web');
const MANIFEST = 'manifest.json';

/** The bundles a page asks for by name; the files carry a content hash, so they may be cached for ever. */
export const ENTRY_POINTS = {
  explorer: 'explorer/src/main.ts',
  graphiql: 'explorer/graphiql/boot.ts',
} as const;
export type EntryName = keyof typeof ENTRY_POINTS;

export interface WebManifest {
  /** What the build was made from (sources, lock file, esbuild): a different one means it is stale. */
  readonly sourceHash: string;
  /** For each entry point, its script and style sheet as served under /assets/. */
  readonly entries: Record<EntryName, { readonly script: string; readonly style: string | undefined }>;
  /** The pages' icon, so that browsers do not ask for a /favicon.ico that is not there. */
  readonly icon: string;
}

const ICON = 'explorer/favicon.svg';

/** What the build depends on besides node_modules' contents, which the lock file pins. */
async function sourceHash(): Promise<string> {
  const files = [...(await listFiles(path.join(ROOT, 'explorer'))), path.join(ROOT, 'package-lock.json')].sort();
  const hash = createHash('sha256').update(esbuildVersion);
  for (const file of files) hash.update(path.relative(ROOT, file)).update('\0').update(await readFile(file)).update('\0');
  return hash.digest('hex');
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

/** The manifest of the current build, or undefined when there is none or it was made from other sources. */
export async function freshManifest(): Promise<WebManifest | undefined> {
  const manifest = await readManifest();
  return manifest && manifest.sourceHash === (await sourceHash()) ? manifest : undefined;
}

export async function readManifest(dir = WEB_BUILD_DIR): Promise<WebManifest | undefined> {
  try {
    return JSON.parse(await readFile(path.join(dir, MANIFEST), 'utf8')) as WebManifest;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Builds unless the current build is fresh; answers whether it built. */
export async function ensureWebBuild(): Promise<boolean> {
  if (await freshManifest()) return false;
  await buildWeb();
  return true;
}

/** Builds into a folder of its own, then puts it in place whole: a server or a second build never sees half of one. */
export async function buildWeb(): Promise<WebManifest> {
  const hash = await sourceHash();
  const staging = `${WEB_BUILD_DIR}.${process.pid}.tmp`;
  await rm(staging, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: ENTRY_POINTS,
    outdir: staging,
    entryNames: '[name]-[hash]',
    assetNames: '[name]-[hash]',
    bundle: true,
    format: 'esm',
    target: ['chrome120', 'firefox120', 'safari16'],
    minify: true,
    sourcemap: 'linked',
    metafile: true,
    legalComments: 'linked',
    define: { 'process.env.NODE_ENV': '"production"' },
    // GraphiQL's fetcher imports a WebSocket client only for subscriptions, which this API has none of.
    external: ['graphql-ws'],
    logLevel: 'warning',
  });
  const entries = {} as Record<EntryName, { script: string; style: string | undefined }>;
  for (const [file, output] of Object.entries(result.metafile.outputs)) {
    const name = (Object.keys(ENTRY_POINTS) as EntryName[]).find((entry) => output.entryPoint === ENTRY_POINTS[entry]);
    if (name) entries[name] = { script: path.basename(file), style: output.cssBundle && path.basename(output.cssBundle) };
  }
  for (const file of await listFiles(staging)) {
    if (file.endsWith('.css')) await extractDataUrls(file);
  }
  const iconBytes = await readFile(path.join(ROOT, ICON));
  const icon = `favicon-${createHash('sha256').update(iconBytes).digest('hex').slice(0, 12)}.svg`;
  await writeFile(path.join(staging, icon), iconBytes);
  await precompress(staging);
  const manifest: WebManifest = { sourceHash: hash, entries, icon };
  await writeFile(path.join(staging, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  await rm(WEB_BUILD_DIR, { recursive: true, force: true });
  await rename(staging, WEB_BUILD_DIR);
  return manifest;
}

const DATA_URL = /url\((["']?)data:([a-z0-9.+-]+\/[a-z0-9.+-]+);base64,([A-Za-z0-9+/=]+)\1\)/g;
const EXTENSIONS: Record<string, string> = { 'font/woff2': 'woff2', 'font/woff': 'woff', 'image/png': 'png', 'image/svg+xml': 'svg', 'image/gif': 'gif' };

/**
 * GraphiQL's style sheet carries its fonts and icons as `data:` URLs. Written out as files of their own, they
 * load from our origin like everything else, so the Content-Security-Policy need not allow `data:`.
 */
async function extractDataUrls(cssFile: string): Promise<void> {
  const css = await readFile(cssFile, 'utf8');
  const files = new Map<string, Buffer>();
  const rewritten = css.replace(DATA_URL, (match: string, _quote: string, type: string, base64: string) => {
    const extension = EXTENSIONS[type];
    if (!extension) return match;
    const bytes = Buffer.from(base64, 'base64');
    const name = `inline-${createHash('sha256').update(bytes).digest('hex').slice(0, 12)}.${extension}`;
    files.set(name, bytes);
    return `url(./${name})`;
  });
  for (const [name, bytes] of files) await writeFile(path.join(path.dirname(cssFile), name), bytes);
  // Its source map no longer matches the rewritten columns: better none than a misleading one.
  await rm(`${cssFile}.map`, { force: true });
  await writeFile(cssFile, rewritten.replace(/\/\*# sourceMappingURL=\S+ \*\/\s*$/, ''));
}

/** Source maps are left as they are: only developer tools fetch them. */
const COMPRESSIBLE = /\.(js|css|svg|txt)$/;

/** Brotli and gzip copies of every text file, made once here so the server only picks one per request. */
async function precompress(dir: string): Promise<void> {
  const brotli = promisify(brotliCompress);
  const gzipped = promisify(gzip);
  for (const file of await listFiles(dir)) {
    if (!COMPRESSIBLE.test(file)) continue;
    const bytes = await readFile(file);
    await writeFile(`${file}.br`, await brotli(bytes, { params: { [zlib.BROTLI_PARAM_QUALITY]: 10, [zlib.BROTLI_PARAM_SIZE_HINT]: bytes.length } }));
    await writeFile(`${file}.gz`, await gzipped(bytes, { level: 9 }));
  }
}

// `npm run build:web` (and `prepare`): build unconditionally, saying what was made.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await mkdir(path.dirname(WEB_BUILD_DIR), { recursive: true });
  const started = performance.now();
  const manifest = await buildWeb();
  const names = Object.values(manifest.entries).flatMap((entry) => [entry.script, entry.style ?? []]);
  console.log(`web assets built in ${Math.round(performance.now() - started)} ms: ${names.join(', ')} (${path.relative(process.cwd(), WEB_BUILD_DIR)})`);
}
