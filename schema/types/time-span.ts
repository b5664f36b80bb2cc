import { TIME_PRECISIONS, type TimeSpan as TimeSpanValue } from '../../model/time-span.ts';
import { builder } from '../builder.ts';
import { enumValues } from '../enum-values.ts';

interface PartialDateShape {
  readonly iso: string;
}

const PartialDate = builder.objectRef<PartialDateShape>('PartialDate').implement({
  description: 'A date known to the year, the month or the day.',
  fields: (t) => ({
    iso: t.exposeString('iso', { description: 'As written in the source data: "1862", "2009-08" or "1991-08-31".' }),
    year: t.int({ description: 'The year (negative before the common era).', resolve: ({ iso }) => Number.parseInt(iso, 10) }),
    month: t.int({ nullable: true, description: 'The month, 1 to 12, when known.', resolve: ({ iso }) => part(iso, 1) }),
    day: t.int({ nullable: true, description: 'The day of the month, when known.', resolve: ({ iso }) => part(iso, 2) }),
  }),
});

function part(iso: string, index: number): number | null {
  const piece = iso.replace(/^-/, '').split('-')[index];
  return piece === undefined ? null : Number(piece);
}

export const TimePrecisionEnum = builder.enumType('TimePrecision', {
  description: 'How precisely the source dates something.',
  values: enumValues(TIME_PRECISIONS, (p) => `Known to the ${p}.`, (p) => p.toUpperCase()),
});

export const TimeSpan = builder.objectRef<TimeSpanValue>('TimeSpan').implement({
  description:
    'When something happened or held: a single date, a range such as 1862–77, or an open span. Dates are Gregorian; each bound is known to `precision`. As of a date (`asOf`), a span without an end holds on from its start, and one without a start held up to its end.',
  fields: (t) => ({
    start: t.field({ type: PartialDate, nullable: true, description: 'The first date it held, if known (Gregorian calendar).', resolve: (span) => partialDate(span.start) }),
    end: t.field({ type: PartialDate, nullable: true, description: 'The last date it held, if known.', resolve: (span) => partialDate(span.end) }),
    precision: t.field({ type: TimePrecisionEnum, description: 'How precise the bounds are.', resolve: (span) => span.precision }),
    text: t.string({ nullable: true, description: 'The wording of the source, e.g. "mid-19th century" or "12 (24) February 1881".', resolve: (span) => span.text ?? null }),
    startJulian: t.field({
      type: PartialDate,
      nullable: true,
      description: 'The start as the source dates it in the Julian calendar (Old Style), when it double-dates it; `start` is the same day in the Gregorian calendar.',
      resolve: (span) => partialDate(span.startJulian),
    }),
    endJulian: t.field({ type: PartialDate, nullable: true, description: 'The end in the Julian calendar, likewise.', resolve: (span) => partialDate(span.endJulian) }),
  }),
});

function partialDate(iso: string | undefined): PartialDateShape | null {
  return iso === undefined ? null : { iso };
}
