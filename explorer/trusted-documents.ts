import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { OPERATIONS } from './operations.ts';

/**
 * The explorer's trusted-documents manifest, in the form TRUSTED_DOCUMENTS reads (`{ "<sha256>": "<document>" }`).
 * The file is committed so that operators can point TRUSTED_DOCUMENTS at it (or merge it into their own);
 * `npm run explorer:manifest` rewrites it after a change to explorer/operations.ts.
 */
export const MANIFEST_PATH = path.join(path.dirname(fileURLToPath(import.meta.url)), 'trusted-documents.json');

export function explorerManifest(): Record<string, string> {
  return Object.fromEntries(Object.values(OPERATIONS).map((document) => [sha256(document), document]));
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function manifestText(): string {
  return `${JSON.stringify(explorerManifest(), null, 2)}\n`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await writeFile(MANIFEST_PATH, manifestText());
  console.log(`wrote ${path.relative(process.cwd(), MANIFEST_PATH)} (${Object.keys(OPERATIONS).length} operations)`);
}
