import type { z } from 'zod';
import { InvalidInput, type Problem } from '../../model/errors.ts';

/**
 * Curation checks its inputs with the fixtures' schemas and checks (services/ingest/), whose
 * problems name fields of a fixture. Callers need the path of the argument instead: problems
 * carry paths such as ["input", "sources", 0, "quote"] (schema/errors.ts gives them to clients).
 */
export type InputPath = readonly (string | number)[];

/** Maps a path inside the fixture being written to the argument it came from. */
export type Locate = (fixturePath: readonly (string | number)[]) => InputPath;

// A fixture's `source` is an input's `sourceId`; every other field has one name in both.
const inputName = (key: string | number) => (key === 'source' ? 'sourceId' : key);

/** The entity or relation an update changes: its id, and the argument that gave it (for NOT_FOUND). */
export interface Target {
  readonly id: string;
  readonly path: InputPath;
}

/** An update: the draft made from the current fixture, and where each of its fields came from. */
export type Edit<F> = (current: F) => { readonly draft: unknown; readonly locate: Locate };

/** For inputs shaped like the fixture: createEntity, updateEntity, createRelation, updateRelation. */
export const atInput: Locate = (path) => ['input', ...path.map(inputName)];

/**
 * For attachSource, which appends `input.source` at `sources[index]` of the entity or relation
 * `input[target]`: anything else wrong lies in what is stored on the target.
 */
export function attachedAt(index: number, target: 'entityId' | 'relationId'): Locate {
  return (path) => (path[0] === 'sources' && path[1] === index ? ['input', 'source', ...path.slice(2).map(inputName)] : ['input', target]);
}

/** Throws InvalidInput listing every problem, if there is any. */
export function rejectProblems(problems: readonly Problem[], locate: Locate): void {
  if (problems.length > 0) throw new InvalidInput(problems.map(({ path, message }) => ({ path: locate(path), message })));
}

/** Parses `value` with a fixture schema, or throws InvalidInput naming every field that fails. */
export function parseAs<T>(schema: z.ZodType<T>, value: unknown, locate: Locate): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new InvalidInput(
    parsed.error.issues.map((issue) => ({
      path: locate(issue.path.map((key) => (typeof key === 'symbol' ? String(key) : key))),
      message: issue.message,
    })),
  );
}
