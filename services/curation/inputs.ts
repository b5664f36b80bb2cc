import type { EntityAmendment, RelationAmendment, SourceRefFixture } from '../../model/fixture-schema.ts';
import type { EntityKind } from '../../model/kinds.ts';
import type { RelationType } from '../../model/relations.ts';
import type { TimePrecision } from '../../model/time-span.ts';

/**
 * The GraphQL inputs of curation (schema/mutations/), turned into fixture-shaped drafts that the
 * fixtures' own schema then checks: nothing here validates, so there is one set of rules.
 */

type Maybe<T> = T | null | undefined;
/** A GraphQL ID: graphql-js always hands over a string, but Pothos types it as string or number. */
type Id = string | number;

export interface SourceQuoteInput {
  readonly quote: string;
  readonly sourceId: Id;
}

export interface TimeSpanInput {
  readonly start?: Maybe<string>;
  readonly end?: Maybe<string>;
  readonly precision: TimePrecision;
  readonly text?: Maybe<string>;
  readonly startJulian?: Maybe<string>;
  readonly endJulian?: Maybe<string>;
}

export interface QuantityInput {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
}

/** In an update, a field left out keeps its value and `null` clears it. */
export interface EntityFieldsInput {
  readonly name?: Maybe<string>;
  readonly aliases?: Maybe<readonly string[]>;
  readonly description?: Maybe<string>;
  readonly category?: Maybe<string>;
  readonly status?: Maybe<string>;
  readonly time?: Maybe<TimeSpanInput>;
  readonly quantities?: Maybe<readonly QuantityInput[]>;
  readonly sources?: Maybe<readonly SourceQuoteInput[]>;
}

export interface CreateEntityInput extends EntityFieldsInput {
  readonly id: Id;
  readonly kind: EntityKind;
}

export interface RelationFieldsInput {
  readonly role?: Maybe<string>;
  readonly effect?: Maybe<string>;
  readonly effectFrom?: Maybe<Id>;
  readonly effectTo?: Maybe<Id>;
  readonly time?: Maybe<TimeSpanInput>;
  readonly note?: Maybe<string>;
  readonly sources?: Maybe<readonly SourceQuoteInput[]>;
}

export interface CreateRelationInput extends RelationFieldsInput {
  readonly type: RelationType;
  readonly from: Id;
  readonly to: Id;
  readonly key?: Maybe<Id>;
}

export function sourceRef({ quote, sourceId }: SourceQuoteInput): SourceRefFixture {
  return { quote, source: String(sourceId) };
}

/** The new entity as a fixture would state it. */
export function entityDraft(input: CreateEntityInput): unknown {
  return patchEntity({ id: String(input.id), kind: input.kind }, input);
}

/** The relation as a fixture would state it. */
export function relationDraft(input: CreateRelationInput): unknown {
  const ends = { type: input.type, from: String(input.from), to: String(input.to), key: optionalId(input.key) };
  return patchRelation(ends, input);
}

/** `current` with the fields the update gives. */
export function patchEntity(current: Partial<EntityAmendment>, patch: EntityFieldsInput): unknown {
  return {
    ...current,
    name: required(current.name, patch.name),
    description: required(current.description, patch.description),
    sources: required(current.sources, mapped(patch.sources, (sources) => sources.map(sourceRef))),
    aliases: optional(current.aliases, patch.aliases),
    category: optional(current.category, patch.category),
    status: optional(current.status, patch.status),
    time: optional(current.time, mapped(patch.time, timeSpan)),
    quantities: optional(current.quantities, patch.quantities),
  };
}

/** `current` with the qualifiers and sources the update gives; type and ends make the id, so they stay. */
export function patchRelation(current: Partial<RelationAmendment>, patch: RelationFieldsInput): unknown {
  return {
    ...current,
    sources: required(current.sources, mapped(patch.sources, (sources) => sources.map(sourceRef))),
    role: optional(current.role, patch.role),
    effect: optional(current.effect, patch.effect),
    effectFrom: optional(current.effectFrom, mapped(patch.effectFrom, String)),
    effectTo: optional(current.effectTo, mapped(patch.effectTo, String)),
    time: optional(current.time, mapped(patch.time, timeSpan)),
    note: optional(current.note, patch.note),
  };
}

/** `sources` with `added` at the end, unless it is there already: attaching twice changes nothing. */
export function withSource<T extends { sources?: SourceRefFixture[] | undefined }>(current: T, added: SourceQuoteInput): T {
  const ref = sourceRef(added);
  const sources = current.sources ?? [];
  // Compared as stored: the schema trims quotes.
  const present = sources.some((source) => source.quote === ref.quote.trim() && source.source === ref.source);
  return present ? current : { ...current, sources: [...sources, ref] };
}

function timeSpan(input: TimeSpanInput): unknown {
  return {
    start: input.start ?? undefined,
    end: input.end ?? undefined,
    precision: input.precision,
    text: input.text ?? undefined,
    ...(input.startJulian == null ? {} : { startJulian: input.startJulian }),
    ...(input.endJulian == null ? {} : { endJulian: input.endJulian }),
  };
}

function optionalId(id: Maybe<Id>): string | undefined {
  return id == null ? undefined : String(id);
}

/** Left out keeps `current`; `null` is passed on for the schema to refuse, since the field is required. */
function required<T>(current: T, next: Maybe<T>): T | null {
  return next === undefined ? current : next;
}

/** Left out keeps `current`; `null` clears the field. */
function optional<T>(current: T, next: Maybe<T>): T | undefined {
  return next === undefined ? current : (next ?? undefined);
}

/** `convert`s a value; left out and `null` stay as they are. */
function mapped<T, U>(value: Maybe<T>, convert: (value: T) => U): Maybe<U> {
  if (value === undefined) return undefined;
  return value === null ? null : convert(value);
}
