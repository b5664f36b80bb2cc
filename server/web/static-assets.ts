import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { WebManifest } from '../../explorer/build.ts';

export const ASSETS_PATH = '/assets/';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
};

export interface AssetFile {
  readonly body: Uint8Array<ArrayBuffer>;
  readonly headers: Readonly<Record<string, string>>;
}

/** The built pages' files (explorer/build.ts), served under /assets/ by name. */
export interface StaticAssets {
  /** The manifest of the build, or undefined when nothing is built: the pages then say how to build. */
  readonly manifest: WebManifest | undefined;
  /** The body and headers for `/assets/<name>`, or undefined for a name the build did not write. */
  read(name: string, acceptEncoding: string | null): Promise<AssetFile | undefined>;
}

/**
 * Serves exactly the files the build wrote (listed once, so no path from a request ever reaches the file system),
 * each with its precompressed brotli or gzip copy when the client takes one. Their names carry a content hash,
 * so clients may keep them for a year.
 */
export async function staticAssets(dir: string, manifest: WebManifest | undefined): Promise<StaticAssets> {
  const names = new Set(manifest ? await readdir(dir) : []);
  return {
    manifest,
    async read(name, acceptEncoding) {
      const type = CONTENT_TYPES[path.extname(name)];
      if (!type || !names.has(name)) return undefined;
      const encoding = (['br', 'gzip'] as const).find((candidate) => accepts(acceptEncoding, candidate) && names.has(`${name}.${suffix[candidate]}`));
      const body = new Uint8Array(await readFile(path.join(dir, encoding ? `${name}.${suffix[encoding]}` : name)));
      const headers: Record<string, string> = {
        'content-type': type,
        'cache-control': 'public, max-age=31536000, immutable',
        'x-content-type-options': 'nosniff',
        vary: 'accept-encoding',
      };
      if (encoding) headers['content-encoding'] = encoding;
      return { body, headers };
    },
  };
}

const suffix = { br: 'br', gzip: 'gz' } as const;

/** Whether `Accept-Encoding` takes `coding` (named, or `*`) with a quality above zero. */
export function accepts(acceptEncoding: string | null, coding: string): boolean {
  const offers = (acceptEncoding ?? '').split(',').map((part) => {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const quality = params.map((param) => /^\s*q=([\d.]+)\s*$/.exec(param)?.[1]).find((q) => q !== undefined);
    return { name: name.trim(), quality: quality === undefined ? 1 : Number(quality) };
  });
  const offer = offers.find((o) => o.name === coding) ?? offers.find((o) => o.name === '*');
  return offer !== undefined && offer.quality > 0;
}
