import { MAX_LIST_LENGTH, MAX_TEXT_LENGTH } from '../../model/fixture-schema.ts';
import { builder } from '../builder.ts';
import { TimePrecisionEnum } from '../types/time-span.ts';

/** Inputs shared by the mutations; they mirror the fixture format (model/fixture-schema.ts), which checks them. */

export const LIMITS = `Strings: at most ${MAX_TEXT_LENGTH} characters, trimmed, no control characters; lists: at most ${MAX_LIST_LENGTH} items.`;

export const SourceQuoteInput = builder.inputType('SourceQuoteInput', {
  description: 'Where a fact comes from: a sentence or clause that occurs verbatim in the text of a source document.',
  fields: (t) => ({
    quote: t.string({ required: true, description: 'The words of the source, exactly as they stand in its text.' }),
    sourceId: t.id({ required: true, description: 'The id of a source document (a `Source` loaded with a dataset, e.g. "wikipedia-china-kyrgyzstan-border").' }),
  }),
});

export const TimeSpanInput = builder.inputType('TimeSpanInput', {
  description: 'When something happened or held; a start, an end or both.',
  fields: (t) => ({
    start: t.string({ description: 'The first date, as "YYYY", "YYYY-MM" or "YYYY-MM-DD".' }),
    end: t.string({ description: 'The last date, in the same form; not before `start`.' }),
    precision: t.field({ type: TimePrecisionEnum, required: true, description: 'How precisely the source dates it.' }),
    text: t.string({ description: 'The wording of the source, e.g. "mid-19th century" or "12 (24) February 1881".' }),
    startJulian: t.string({
      description: 'For a source that double-dates (Russian documents before 1918 often do): the start in the Julian calendar, "YYYY-MM-DD"; `start` must be the same day in the Gregorian calendar.',
    }),
    endJulian: t.string({ description: 'The end in the Julian calendar, likewise.' }),
  }),
});

export const QuantityInput = builder.inputType('QuantityInput', {
  description: 'A figure the source gives, with its unit.',
  fields: (t) => ({
    name: t.string({ required: true, description: 'What is measured, e.g. "length".' }),
    value: t.float({ required: true, description: 'The number.' }),
    unit: t.string({ required: true, description: 'The unit, e.g. "km".' }),
  }),
});
