/**
 * When something happened or held, and how precisely the source says so. Bounds are ISO-style
 * partial dates ("1862", "2009-08", "1991-08-31") of the Gregorian calendar; `text` keeps the source's own
 * wording ("1862–77", "mid-19th century", "12 (24) February 1881") so a reader sees what was actually claimed.
 * A bound a source dates in the Julian calendar as well keeps that date too (model/julian.ts).
 */
export const TIME_PRECISIONS = ['day', 'month', 'year', 'decade', 'century'] as const;
export type TimePrecision = (typeof TIME_PRECISIONS)[number];

export interface TimeSpan {
  readonly start?: string | undefined;
  readonly end?: string | undefined;
  readonly precision: TimePrecision;
  readonly text?: string | undefined;
  /** The start as the source dates it in the Julian calendar (Old Style), a full date: "1881-02-12". */
  readonly startJulian?: string | undefined;
  /** The end in the Julian calendar, likewise. */
  readonly endJulian?: string | undefined;
}

export const PARTIAL_DATE = /^-?\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;

/** The year of a partial date: what range filters and the timeline order by. */
export function yearOf(partialDate: string): number {
  // parseInt stops at the first '-' after the digits, so "1862-08" gives 1862 and "-0500" gives -500.
  return Number.parseInt(partialDate, 10);
}
