import type { EntityKind } from '../model/kinds.ts';
import { daysOf, isRealDate, type DayRange } from '../model/time-bounds.ts';
import { PARTIAL_DATE } from '../model/time-span.ts';
import { ErrorCode, clientError } from './errors.ts';

/* Checks of arguments that their GraphQL types cannot express: each failure is BAD_USER_INPUT naming the argument. */

/** Ids are slugs of at most 200 characters, and names are shorter still. */
const MAX_REF_LENGTH = 300;

/** BAD_USER_INPUT for a reference longer than any id or name, before it reaches Lucene. */
export function checkRefLength(ref: string, argument: string): string {
  if (ref.length > MAX_REF_LENGTH) {
    throw clientError(ErrorCode.BadUserInput, `\`${argument}\`: at most ${MAX_REF_LENGTH} characters; no id, name or alias is longer.`, { argument });
  }
  return ref;
}

/** BAD_USER_INPUT when a `from`/`to` year range is upside down. */
export function checkYearRange(args: { from?: number | null | undefined; to?: number | null | undefined }): void {
  if (args.from != null && args.to != null && args.from > args.to) {
    throw clientError(ErrorCode.BadUserInput, `\`from\` (${args.from}) is after \`to\` (${args.to}).`, { argument: 'from' });
  }
}

/** A kind as typed by a person ("treaty", "Treaty"), or BAD_USER_INPUT listing the kinds. */
export function parseKind(value: string, argument: string, allowed: readonly EntityKind[]): EntityKind {
  const kind = allowed.find((k) => k.toLowerCase() === value.trim().toLowerCase());
  if (!kind) throw clientError(ErrorCode.BadUserInput, `\`${argument}\`: unknown kind "${value}"; use one of ${allowed.join(', ')}.`, { argument });
  return kind;
}

/** The days an `asOf` names: one day, or every day of a month or a year; BAD_USER_INPUT for anything else. */
export function parseAsOf(value: string, argument = 'asOf'): DayRange {
  const date = value.trim();
  if (!PARTIAL_DATE.test(date) || !isRealDate(date)) {
    throw clientError(ErrorCode.BadUserInput, `\`${argument}\`: "${value.slice(0, 40)}" is not a date; give a year ("1870"), a month ("1870-03") or a day ("1870-03-15").`, {
      argument,
    });
  }
  return daysOf(date);
}
