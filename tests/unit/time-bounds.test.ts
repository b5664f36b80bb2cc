// Time spans to the day: what as-of questions compare (model/time-bounds.ts), Julian dates (model/julian.ts),
// and the fixture rules that keep a double-dated bound honest.
import { describe, expect, it } from 'vitest';
import { timeSpanSchema } from '../../model/fixture-schema.ts';
import { gregorianOfJulian } from '../../model/julian.ts';
import { AFTER_ALL_DAYS, BEFORE_ALL_DAYS, boundsOf, daysOf, isRealDate } from '../../model/time-bounds.ts';

describe('the days a partial date stands for', () => {
  it('is the unit it is written to: a day, a month (with its real length) or a year', () => {
    expect(daysOf('1881-02-24')).toEqual({ first: 18810224, last: 18810224 });
    expect(daysOf('1881-02')).toEqual({ first: 18810201, last: 18810228 });
    expect(daysOf('1880-02')).toEqual({ first: 18800201, last: 18800229 });
    expect(daysOf('1900-02')).toEqual({ first: 19000201, last: 19000228 });
    expect(daysOf('1870')).toEqual({ first: 18700101, last: 18701231 });
  });

  it('widens to a coarser precision, never narrows to a finer one', () => {
    expect(daysOf('1869', 'decade')).toEqual({ first: 18600101, last: 18691231 });
    expect(daysOf('1850', 'century')).toEqual({ first: 18000101, last: 18991231 });
    expect(daysOf('1881-02-24', 'year')).toEqual({ first: 18810101, last: 18811231 });
    expect(daysOf('1862', 'day')).toEqual({ first: 18620101, last: 18621231 });
    expect(daysOf('-0505', 'decade')).toEqual({ first: -5100000 + 101, last: -5010000 + 1231 });
  });

  it('knows which days exist', () => {
    expect(isRealDate('1881-02-29')).toBe(false);
    expect(isRealDate('1880-02-29')).toBe(true);
    expect(isRealDate('1881-04-31')).toBe(false);
    expect(isRealDate('1881')).toBe(true);
  });
});

describe('the bounds of a time span', () => {
  it('gives each bound its earliest and latest day: "mid-19th century" is the 1840s to the 1860s', () => {
    expect(boundsOf({ start: '1840', end: '1869', precision: 'decade', text: 'mid-19th century' })).toEqual({
      startEarliest: 18400101,
      startLatest: 18491231,
      endEarliest: 18600101,
      endLatest: 18691231,
    });
    expect(boundsOf({ start: '1862', end: '1877', precision: 'year' })).toEqual({
      startEarliest: 18620101,
      startLatest: 18621231,
      endEarliest: 18770101,
      endLatest: 18771231,
    });
  });

  it('leaves an open side open: no end holds on, no start held from before every date', () => {
    expect(boundsOf({ start: '1991', precision: 'year' })).toMatchObject({ endEarliest: AFTER_ALL_DAYS, endLatest: AFTER_ALL_DAYS });
    expect(boundsOf({ end: '2009', precision: 'year' })).toMatchObject({ startEarliest: BEFORE_ALL_DAYS, startLatest: BEFORE_ALL_DAYS });
  });

  it('gives an undated fact the widest bounds: it may have held at any date and certainly held at none', () => {
    expect(boundsOf(undefined)).toEqual({ startEarliest: BEFORE_ALL_DAYS, startLatest: AFTER_ALL_DAYS, endEarliest: BEFORE_ALL_DAYS, endLatest: AFTER_ALL_DAYS });
  });
});

describe('Julian dates', () => {
  it('convert to the Gregorian calendar, across the centuries', () => {
    expect(gregorianOfJulian('1881-02-12')).toBe('1881-02-24');
    expect(gregorianOfJulian('1918-01-31')).toBe('1918-02-13');
    expect(gregorianOfJulian('1582-10-04')).toBe('1582-10-14');
    expect(gregorianOfJulian('1700-02-29')).toBe('1700-03-11');
  });

  it('are kept beside the Gregorian bound, which must be the same day', () => {
    const span = { start: '1881-02-24', startJulian: '1881-02-12', precision: 'day', text: '12 (24) February 1881' };
    expect(timeSpanSchema.parse(span)).toEqual(span);
    const wrong = timeSpanSchema.safeParse({ ...span, start: '1881-02-12' });
    expect(wrong.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['startJulian', '1881-02-12 in the Julian calendar is 1881-02-24 in the Gregorian calendar, which the bound itself must give, not 1881-02-12'],
    ]);
    expect(timeSpanSchema.safeParse({ ...span, startJulian: '1881-02' }).success).toBe(false);
    expect(timeSpanSchema.safeParse({ end: '1881-02-24', endJulian: '1881-02-12', precision: 'day' }).success).toBe(true);
  });

  it('refuses a day that does not exist, and reports a malformed date as one', () => {
    expect(timeSpanSchema.safeParse({ start: '1881-02-29', precision: 'day' }).error?.issues.map((issue) => issue.message)).toEqual(['a day that exists in that month']);
    expect(timeSpanSchema.safeParse({ start: '900', precision: 'year' }).error?.issues.map((issue) => issue.message)).toEqual(['a partial date "YYYY", "YYYY-MM" or "YYYY-MM-DD"']);
  });
});
