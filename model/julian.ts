import { partsOf } from './time-bounds.ts';

/**
 * The Julian calendar (Old Style), which Russia used until February 1918: its documents are often double-dated,
 * "12 (24) February 1881" being 12 February in the Julian calendar and 24 February in the Gregorian one. A time
 * span's bounds are Gregorian; a bound may keep its Julian date too, and the two must be the same day.
 */

/** The Gregorian date ("1881-02-24") of a full Julian date ("1881-02-12"), by way of the Julian day number. */
export function gregorianOfJulian(julianDate: string): string {
  const { year, month = 1, day = 1 } = partsOf(julianDate);
  return gregorianDateOf(julianDayNumber(year, month, day));
}

/** The Julian day number of a date of the Julian calendar (years before 1 are astronomical: 1 BC is 0). */
function julianDayNumber(year: number, month: number, day: number): number {
  const a = Math.floor((14 - month) / 12);
  const y = year + 4800 - a;
  const m = month + 12 * a - 3;
  return day + Math.floor((153 * m + 2) / 5) + 365 * y + Math.floor(y / 4) - 32083;
}

/** The proleptic Gregorian date of a Julian day number, written as a partial date is. */
function gregorianDateOf(jdn: number): string {
  const a = jdn + 32044;
  const b = Math.floor((4 * a + 3) / 146097);
  const c = a - Math.floor((146097 * b) / 4);
  const d = Math.floor((4 * c + 3) / 1461);
  const e = c - Math.floor((1461 * d) / 4);
  const m = Math.floor((5 * e + 2) / 153);
  const day = e - Math.floor((153 * m + 2) / 5) + 1;
  const month = m + 3 - 12 * Math.floor(m / 10);
  const year = 100 * b + d - 4800 + Math.floor(m / 10);
  const sign = year < 0 ? '-' : '';
  return `${sign}${String(Math.abs(year)).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
