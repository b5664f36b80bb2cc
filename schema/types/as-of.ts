import type { ArgBuilder } from '@pothos/core';
import { NO_AS_OF, type AsOfParams } from '../../cypher/as-of.ts';
import { parseAsOf } from '../arguments.ts';
import { builder } from '../builder.ts';

/*
 * "As of a date": the arguments every list and relation field takes, and the `held` that says, of each answer,
 * how sure it is. The rules are cypher/as-of.ts's and model/time-bounds.ts's; these descriptions state them.
 */

export const CertaintyEnum = builder.enumType('Certainty', {
  description: [
    'With `asOf`: which dated facts count as having held at that date. Each bound of a time span is any day of what it is known to (`precision`): "1862" is any day of 1862, a decade any day of it. A span without an end holds on from its start (nothing recorded ends it: a state since its independence, a treaty since its signature); one without a start held up to its end.',
    'An answer that depends on other facts (a relation on the two entities it joins, a treaty on its effect and on the containment of the area, a path on every step) is only as sure as the weakest of them, and each must count; an entity without a date limits nothing.',
    'Facts without any date are neither: see `UndatedFacts`. POSSIBLE is the default, so nothing that may have held is hidden.',
  ].join(' '),
  values: {
    POSSIBLE: {
      value: 'POSSIBLE',
      description:
        'Those whose dates allow that they held then, imprecise dates included: "mid-19th century" (stored as the 1840s to the 1860s) may have held on any day of 1840–1869.',
    },
    CERTAIN: {
      value: 'CERTAIN',
      description: 'Only those that held then whatever their imprecise dates turn out to be: "mid-19th century" certainly held in the 1850s only.',
    },
  } as const,
});

export const UndatedFactsEnum = builder.enumType('UndatedFacts', {
  description:
    'With `asOf`: what to do with facts that have no date at all. Undated is not "always": nothing says when they held. Most undated facts here are timeless (geography) or dated by what they join (a signature by its treaty), so by default they are kept, marked `held: UNDATED`, rather than hidden.',
  values: {
    INCLUDE: { value: 'INCLUDE', description: 'Include them, marked `held: UNDATED`: nothing says when they held, nor rules them out.' },
    EXCLUDE: { value: 'EXCLUDE', description: 'Leave them out: only dated facts.' },
  } as const,
});

export const HeldEnum = builder.enumType('Held', {
  description: 'How sure it is that something held at the `asOf` date asked, given how precisely it and what it depends on are dated.',
  values: {
    CERTAIN: { value: 'CERTAIN', description: 'It held then, whatever its imprecise dates turn out to be; so did everything it depends on.' },
    POSSIBLE: { value: 'POSSIBLE', description: 'Its dates, or those of what it depends on, allow that it held then, without making it certain.' },
    UNDATED: { value: 'UNDATED', description: 'It has no date, so nothing says when it held; what it depends on does not rule it out.' },
  } as const,
});

export type Held = 'CERTAIN' | 'POSSIBLE' | 'UNDATED';

/** A rank from the queries (cypher/as-of.ts) as a client reads it: null without a date, or when ruled out (0). */
export function heldOf(rank: number | null | undefined): Held | null {
  return rank === 3 ? 'CERTAIN' : rank === 2 ? 'POSSIBLE' : rank === 1 ? 'UNDATED' : null;
}

const AS_OF =
  'Only what held at this date: a day ("1881-02-24"), a month ("1881-02") or a year ("1870"), Gregorian; a month or a year means what held on any of its days. What counts is said at `Certainty`; each answer\'s `held` says how sure it is.';
const CERTAINTY = 'With `asOf`: POSSIBLE (the default) also keeps what only may have held then; CERTAIN keeps only what certainly did.';
const UNDATED = 'With `asOf`: INCLUDE (the default) keeps facts without any date, marked `held: UNDATED`; EXCLUDE leaves them out.';

type Args = ArgBuilder<typeof builder.$inferSchemaTypes>;

/** `asOf`, `certainty` and `undated`, for a field whose answers can be asked of a date. */
export function asOfArgs(arg: Args) {
  return {
    asOf: arg.string({ description: AS_OF }),
    certainty: arg({ type: CertaintyEnum, defaultValue: 'POSSIBLE', description: CERTAINTY }),
    undated: arg({ type: UndatedFactsEnum, defaultValue: 'INCLUDE', description: UNDATED }),
  };
}

/** The same for a field that is always asked of a date. */
export function requiredAsOfArgs(arg: Args) {
  return { ...asOfArgs(arg), asOf: arg.string({ required: true, description: AS_OF }) };
}

export interface AsOfArgs {
  readonly asOf?: string | null | undefined;
  readonly certainty?: 'CERTAIN' | 'POSSIBLE' | null | undefined;
  readonly undated?: 'INCLUDE' | 'EXCLUDE' | null | undefined;
}

/** What the queries take for these arguments; BAD_USER_INPUT for a date that is none. */
export function asOfParams(args: AsOfArgs): AsOfParams {
  if (args.asOf == null) return NO_AS_OF;
  const days = parseAsOf(args.asOf);
  return { asOfFrom: days.first, asOfTo: days.last, minRank: args.certainty === 'CERTAIN' ? 3 : 2, undated: args.undated !== 'EXCLUDE' };
}

/** A field's `held`: how sure it is that the answer held at the `asOf` date; null without one. */
export const HELD_DESCRIPTION = 'With `asOf`: whether it held then certainly or possibly, or is undated (see `Held`); null without `asOf`.';
