import { z } from 'zod';
import { gregorianOfJulian } from './julian.ts';
import { ENTITY_KINDS } from './kinds.ts';
import { RELATION_TYPES } from './relations.ts';
import { isRealDate } from './time-bounds.ts';
import { PARTIAL_DATE, TIME_PRECISIONS } from './time-span.ts';

/**
 * The one schema every dataset is checked against before anything is written. A dataset is a
 * folder: `dataset.yaml` (its documents), `entities.yaml` and `relations.yaml`.
 */

export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** Bounds on every string and list, so a dataset or a curation request cannot store megabytes in one property. */
export const MAX_SLUG_LENGTH = 200;
export const MAX_TEXT_LENGTH = 10_000;
export const MAX_LIST_LENGTH = 100;
const slug = z
  .string()
  .max(MAX_SLUG_LENGTH, `at most ${MAX_SLUG_LENGTH} characters`)
  .regex(SLUG, 'a slug: lower-case letters, digits and single hyphens, e.g. "ili-valley"');
// Neo4j stores strings as UTF-8, so a lone surrogate would silently become U+FFFD; control characters
// (NUL and the like, but not tab and line breaks) have no place in names or quotes and upset logs.
const LONE_SURROGATE = /\p{Cs}/u;
const CONTROL_CHARACTER = /[^\P{Cc}\t\n\r]/u;
const text = z
  .string()
  .trim()
  .min(1, 'a non-empty string')
  .max(MAX_TEXT_LENGTH, `at most ${MAX_TEXT_LENGTH} characters`)
  .refine((value) => !LONE_SURROGATE.test(value), 'not well-formed Unicode: it holds a lone surrogate')
  .refine((value) => !CONTROL_CHARACTER.test(value), 'holds a control character (such as a null byte)');
const list = <T extends z.ZodType>(item: T) => z.array(item).max(MAX_LIST_LENGTH, `at most ${MAX_LIST_LENGTH} items`);

const dateShape = z.string().regex(PARTIAL_DATE, 'a partial date "YYYY", "YYYY-MM" or "YYYY-MM-DD"');
// Zod runs every check: a string that fails the pattern is reported by it, not parsed here.
const partialDate = dateShape.refine((date) => !PARTIAL_DATE.test(date) || isRealDate(date), 'a day that exists in that month');
const FULL_DATE = /^-?\d{4}-\d{2}-\d{2}$/;
// Checked against the Gregorian date it must equal (the Julian calendar has leap days the Gregorian one has not).
const julianDate = dateShape.refine((date) => FULL_DATE.test(date), 'a full date "YYYY-MM-DD" (a Julian date is kept for double-dated days only)');

/** A bound's Julian date must name the same day as the bound: a problem at `side`Julian, or none. */
function julianMismatch(gregorian: string | undefined, julian: string | undefined): string | undefined {
  if (julian === undefined || !FULL_DATE.test(julian)) return undefined;
  const expected = gregorianOfJulian(julian);
  if (gregorian === expected) return undefined;
  return `${julian} in the Julian calendar is ${expected} in the Gregorian calendar, which the bound itself must give${gregorian === undefined ? ' (it is missing)' : `, not ${gregorian}`}`;
}

export const timeSpanSchema = z
  .strictObject({
    start: partialDate.optional(),
    end: partialDate.optional(),
    precision: z.enum(TIME_PRECISIONS),
    text: text.optional(),
    startJulian: julianDate.optional(),
    endJulian: julianDate.optional(),
  })
  .superRefine((span, context) => {
    for (const side of ['start', 'end'] as const) {
      const message = julianMismatch(span[side], span[`${side}Julian`]);
      if (message) context.addIssue({ code: 'custom', path: [`${side}Julian`], message });
    }
  })
  .refine((span) => span.start !== undefined || span.end !== undefined, {
    message: 'a time span needs a start, an end or both',
  })
  .refine((span) => span.start === undefined || span.end === undefined || span.start <= span.end, {
    message: 'a time span must not end before it starts',
  });

/** A verbatim sentence or clause of a document; `source` defaults to the dataset's first document. */
export const sourceRefSchema = z.strictObject({
  quote: text,
  source: slug.optional(),
});

const sources = list(sourceRefSchema).min(1, 'at least one source quote: every fact must be traceable');

export const quantitySchema = z.strictObject({
  name: text,
  value: z.number().finite(),
  unit: text,
});

export const entitySchema = z.strictObject({
  id: slug,
  kind: z.enum(ENTITY_KINDS),
  category: text.optional(),
  name: text,
  aliases: list(text).default([]),
  description: text,
  time: timeSpanSchema.optional(),
  status: text.optional(),
  quantities: list(quantitySchema).default([]),
  sources,
});

export const relationSchema = z.strictObject({
  type: z.enum(RELATION_TYPES as [string, ...string[]]),
  from: slug,
  to: slug,
  /** Tells apart two relations of one type between the same pair. */
  key: slug.optional(),
  role: text.optional(),
  effect: text.optional(),
  effectFrom: slug.optional(),
  effectTo: slug.optional(),
  time: timeSpanSchema.optional(),
  note: text.optional(),
  sources,
});

export const DOCUMENT_BASES = ['article', 'background'] as const;

/** A source document whose text lives in the dataset folder; it becomes a `Source` entity. */
export const documentSchema = z.strictObject({
  id: slug,
  name: text,
  description: text,
  file: text,
  /** `article` for a published text; `background` for general knowledge we state ourselves. */
  basis: z.enum(DOCUMENT_BASES),
  url: z.url().optional(),
  license: text.optional(),
  attribution: text.optional(),
  retrieved: partialDate.optional(),
});

/**
 * The dataset of what curation writes (services/curation/). Loading a dataset replaces that dataset's claims, so
 * only an export of curated facts may take this id: it has no documents, as its quotes cite other datasets'.
 */
export const CURATION_DATASET = 'curation';

export const datasetSchema = z
  .strictObject({
    id: slug,
    name: text,
    description: text,
    documents: z.array(documentSchema),
  })
  .superRefine(({ id, documents }, context) => {
    if (id === CURATION_DATASET && documents.length > 0) {
      context.addIssue({
        code: 'custom',
        path: ['id'],
        message: `"${CURATION_DATASET}" is reserved for what curation writes (an export of it has no documents: its quotes cite other datasets')`,
      });
    } else if (id !== CURATION_DATASET && documents.length === 0) {
      context.addIssue({ code: 'custom', path: ['documents'], message: 'at least one source document' });
    }
  });

export const entitiesFileSchema = z.array(entitySchema);
export const relationsFileSchema = z.array(relationSchema);

/**
 * What curation says of an entity or relation another dataset defines: only what the curator changed or added,
 * so that the other datasets' names, values and quotes stay theirs (model/claims.ts). Its kind, type and ends
 * are the item's; the rest may be left to the others. The curated dataset's files hold these.
 */
export const entityAmendmentSchema = entitySchema.partial({ name: true, description: true, sources: true });
export const relationAmendmentSchema = relationSchema.partial({ sources: true });

export const amendmentsFileSchemas = { entities: z.array(entityAmendmentSchema), relations: z.array(relationAmendmentSchema) };

export type EntityFixture = z.infer<typeof entitySchema>;
export type RelationFixture = z.infer<typeof relationSchema>;
export type EntityAmendment = z.infer<typeof entityAmendmentSchema>;
export type RelationAmendment = z.infer<typeof relationAmendmentSchema>;
export type SourceRefFixture = z.infer<typeof sourceRefSchema>;
export type DocumentFixture = z.infer<typeof documentSchema>;
export type DatasetFixture = z.infer<typeof datasetSchema>;
