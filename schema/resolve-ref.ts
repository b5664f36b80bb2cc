import { nearestNames, type RefMatchRow } from '../cypher/entities.ts';
import { fuzzyQuery, searchWords } from '../cypher/lucene.ts';
import type { EntityKind } from '../model/kinds.ts';
import { checkRefLength } from './arguments.ts';
import type { Context } from './context.ts';
import { ErrorCode, clientError } from './errors.ts';

/**
 * Turns what a person typed (an id, a name or an alias, in any case) into one entity id, or
 * a clear error: NOT_FOUND with the nearest names, AMBIGUOUS with the candidates, or
 * BAD_USER_INPUT when it names an entity of a kind the argument does not take.
 */
export async function resolveRef(context: Context, ref: string, argument: string, kinds?: readonly EntityKind[]): Promise<string> {
  checkRefLength(ref, argument);
  const matches = await context.loaders.entitiesMatchingRef.load(ref);
  if (matches.length === 0) {
    const words = searchWords(ref);
    const near = words.length === 0 ? [] : await context.executor.read(nearestNames, { query: fuzzyQuery(words), limit: 5 });
    const hint = near.length > 0 ? ` Did you mean ${near.map((n) => `"${n.name}" (${n.id})`).join(', ')}?` : '';
    throw clientError(ErrorCode.NotFound, `\`${argument}\`: nothing is called "${ref}".${hint}`, {
      argument,
      suggestions: near.map(({ id, name, kind }) => ({ id, name, kind })),
    });
  }
  if (matches.length > 1) {
    throw clientError(
      ErrorCode.Ambiguous,
      `\`${argument}\`: "${ref}" names ${matches.length} entities: ${matches.map((m) => `"${m.name}" (${m.kind}, id ${m.id})`).join(', ')}. Pass one of their ids.`,
      { argument, candidates: matches.map(({ id, name, kind }) => ({ id, name, kind })) },
    );
  }
  const [match] = matches;
  if (!match) throw new Error('unreachable: one match expected');
  if (kinds && !kinds.includes(match.kind)) {
    throw clientError(ErrorCode.BadUserInput, `\`${argument}\`: "${ref}" is a ${match.kind}; expected a ${kinds.join(' or ')}.`, {
      argument,
    });
  }
  return match.id;
}

/** A reference a client typed, the argument it came in, and the kinds that argument takes. */
export interface TypedRef {
  readonly ref: string;
  readonly argument: string;
  readonly kinds?: readonly EntityKind[] | undefined;
}

/** What a query that resolves references itself (resolveRefClause) reports for one: its matches, and the id it used. */
export interface InlineResolution {
  readonly matches: readonly RefMatchRow[];
  readonly used: string | null;
}

/**
 * For a query that resolves the references it is given inside itself (so one round-trip answers when each names
 * one entity): runs `read` with the references as typed, then settles each on the matches the query reports. One
 * that is not exactly one entity of an allowed kind gets resolveRef's precise error, with its hints, at the cost of a
 * second read on that path only. Should the data have changed between the two so that the settled ids are not the
 * ones the query used, `read` runs again with those ids.
 */
export async function readWithRefs<Row>(
  context: Context,
  refs: readonly TypedRef[],
  read: (refs: readonly string[]) => Promise<Row>,
  resolutions: (row: Row) => readonly InlineResolution[],
): Promise<Row> {
  const row = await read(refs.map(({ ref }) => ref));
  const found = resolutions(row);
  const settled: string[] = [];
  for (const [index, ref] of refs.entries()) settled.push(await settledRef(context, ref, found[index]?.matches ?? []));
  return settled.every((id, index) => id === found[index]?.used) ? row : read(settled);
}

/** The id when `matches` are exactly one entity of an allowed kind; otherwise resolveRef's answer. */
async function settledRef(context: Context, { ref, argument, kinds }: TypedRef, matches: readonly RefMatchRow[]): Promise<string> {
  const [match, ...others] = matches;
  if (match && others.length === 0 && (!kinds || kinds.includes(match.kind))) return match.id;
  return resolveRef(context, ref, argument, kinds);
}
