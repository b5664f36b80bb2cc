import type { TimeSpan } from './types.ts';

/** The years a span covers, as honestly as its precision allows: a decade is ten years wide, not a point. */
export interface YearRange {
  readonly from: number;
  readonly to: number;
}

export function yearRange(time: TimeSpan | null): YearRange | undefined {
  const first = time?.start?.year ?? time?.end?.year;
  const last = time?.end?.year ?? first;
  if (!time || first === undefined || last === undefined) return undefined;
  const width = time.precision === 'CENTURY' ? 100 : time.precision === 'DECADE' ? 10 : 1;
  const from = Math.floor(first / width) * width;
  return { from, to: Math.max(last, Math.floor(last / width) * width + width - 1) };
}

/** The source's wording, with the dates behind it when they say more: "mid-19th century (1840–1869)". */
export function describeTime(time: TimeSpan | null): string {
  if (!time) return '';
  const start = time.start?.iso;
  const end = time.end?.iso;
  const dates = start && end && start !== end ? `${start}–${end}` : start ? (end ? start : `${start}`) : end ? `until ${end}` : '';
  if (!time.text) return dates;
  return time.text === dates || time.text.includes(dates) ? time.text : `${time.text} (${dates})`;
}

/** Plain years for a range: "1881", "1840s–1860s" is left to the wording; this is for axes and labels. */
export function rangeLabel({ from, to }: YearRange): string {
  return from === to ? String(from) : `${from}–${to}`;
}
