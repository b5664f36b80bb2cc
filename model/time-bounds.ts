import { PARTIAL_DATE, type TimePrecision, type TimeSpan } from './time-span.ts';

/**
 * What a time span allows, day by day: the earliest and latest day it can have started and ended, given how
 * precisely its bounds are known. As-of questions ("what held in 1870?") compare these with the days asked
 * about, so they are stored, as numbers, on every entity and relation (model/codec.ts) and indexed.
 *
 * - A bound is any day of the unit it is known to: "1862" at year precision is 1 January to 31 December 1862;
 *   at decade precision, any day of the 1860s; at century precision, any day of 1800–1899. A date written
 *   more coarsely than its precision ("1862" at day precision) is known only as far as it is written.
 * - No end: nothing in the graph ends it, so it holds on from its start (a state "independent since 1991", a
 *   treaty in force since it was signed). No start: it held, from no recorded beginning, up to its end.
 * - No span at all: it may have started and ended at any time, so it may have held at any date and certainly
 *   held at none; reads call such facts undated.
 */

/** A day as a number that sorts as dates do: year × 10,000 + month × 100 + day (12 March 1870 is 18700312). */
export type DayKey = number;

/** Before and after every day a partial date can name (years -9999 to 9999): the bounds of an open or unknown side. */
export const BEFORE_ALL_DAYS: DayKey = -100_000_000;
export const AFTER_ALL_DAYS: DayKey = 100_000_000;

export interface TimeBounds {
  readonly startEarliest: DayKey;
  readonly startLatest: DayKey;
  readonly endEarliest: DayKey;
  readonly endLatest: DayKey;
}

/** The first and last day of a period. */
export interface DayRange {
  readonly first: DayKey;
  readonly last: DayKey;
}

const UNDATED: TimeBounds = { startEarliest: BEFORE_ALL_DAYS, startLatest: AFTER_ALL_DAYS, endEarliest: BEFORE_ALL_DAYS, endLatest: AFTER_ALL_DAYS };

/** Units from finest to coarsest: a bound is known to the coarser of how it is written and its precision. */
const UNITS = ['day', 'month', 'year', 'decade', 'century'] as const satisfies readonly TimePrecision[];

export function boundsOf(span: TimeSpan | undefined): TimeBounds {
  if (!span) return UNDATED;
  const start = span.start === undefined ? { first: BEFORE_ALL_DAYS, last: BEFORE_ALL_DAYS } : daysOf(span.start, span.precision);
  const end = span.end === undefined ? { first: AFTER_ALL_DAYS, last: AFTER_ALL_DAYS } : daysOf(span.end, span.precision);
  return { startEarliest: start.first, startLatest: start.last, endEarliest: end.first, endLatest: end.last };
}

/**
 * Every day a partial date ("1870", "1881-02", "1881-02-24") may stand for, widened to `precision` when that
 * is coarser than how the date is written.
 */
export function daysOf(partialDate: string, precision: TimePrecision = 'day'): DayRange {
  const parts = partsOf(partialDate);
  const written = parts.day !== undefined ? 'day' : parts.month !== undefined ? 'month' : 'year';
  const unit = UNITS[Math.max(UNITS.indexOf(written), UNITS.indexOf(precision))] ?? 'century';
  const { year } = parts;
  switch (unit) {
    case 'day':
      return single(dayKey(year, parts.month ?? 1, parts.day ?? 1));
    case 'month': {
      const month = parts.month ?? 1;
      return { first: dayKey(year, month, 1), last: dayKey(year, month, daysInMonth(year, month)) };
    }
    case 'year':
      return years(year, year);
    case 'decade': {
      const first = Math.floor(year / 10) * 10;
      return years(first, first + 9);
    }
    case 'century': {
      const first = Math.floor(year / 100) * 100;
      return years(first, first + 99);
    }
  }
}

/** The year, month and day of a partial date; it must match PARTIAL_DATE. */
export function partsOf(partialDate: string): { year: number; month?: number; day?: number } {
  if (!PARTIAL_DATE.test(partialDate)) throw new Error(`not a partial date: "${partialDate}"`);
  const negative = partialDate.startsWith('-');
  const [year = '0', month, day] = (negative ? partialDate.slice(1) : partialDate).split('-');
  return {
    year: (negative ? -1 : 1) * Number(year),
    ...(month === undefined ? {} : { month: Number(month) }),
    ...(day === undefined ? {} : { day: Number(day) }),
  };
}

/** Whether a partial date names a day that exists ("1881-02-29" does not: 1881 is no leap year). */
export function isRealDate(partialDate: string): boolean {
  const { year, month, day } = partsOf(partialDate);
  return month === undefined || day === undefined || day <= daysInMonth(year, month);
}

/** Days in a month of the Gregorian calendar, extended backwards before its adoption (ISO 8601 does the same). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

export function dayKey(year: number, month: number, day: number): DayKey {
  return year * 10_000 + month * 100 + day;
}

function single(day: DayKey): DayRange {
  return { first: day, last: day };
}

function years(first: number, last: number): DayRange {
  return { first: dayKey(first, 1, 1), last: dayKey(last, 12, 31) };
}
