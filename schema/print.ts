import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { schema } from './index.ts';

/** The committed SDL: sorted, so that review diffs show what changed and not where. */
export const SDL_PATH = path.join(import.meta.dirname, 'schema.graphql');

export function printedSchema(): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}

// `npm run schema:print` writes it; tests import printedSchema() to check it has not drifted.
if (process.argv[1] === import.meta.filename) {
  await writeFile(SDL_PATH, printedSchema());
  console.log(`wrote ${path.relative(process.cwd(), SDL_PATH)}`);
}
