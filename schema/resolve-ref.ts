import { nearestNames, type RefMatchRow } from '../cypher/entities.ts';
import { fuzzyQuery, searchWords } from '../cypher/lucene.ts';
import { checkRefLength } from './arguments.ts';
import type { Context } from './context.ts';
import { ErrorCode, clientError } from './errors.ts';
import type { EntityKind } from '../model/kinds.ts';

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

/**
 * For a query that resolved `ref` itself (resolveRefClause): the id, when what it matched is exactly one entity
 * of an allowed kind. Otherwise resolveRef's precise error, with its hints, at the cost of a second read on that
 * path only; should the data have changed between the two reads so that resolveRef finds one entity, its id.
 */
export async function settledRef(
  context: Context,
  ref: string,
  argument: string,
  matches: readonly RefMatchRow[],
  kinds?: readonly EntityKind[],
): Promise<string> {
  const [match, ...others] = matches;
  if (match && others.length === 0 && (!kinds || kinds.includes(match.kind))) return match.id;
  return resolveRef(context, ref, argument, kinds);
}
