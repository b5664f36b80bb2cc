import { createHash } from 'node:crypto';
import type { DocumentFixture, EntityAmendment, RelationAmendment, SourceRefFixture } from './fixture-schema.ts';
import type { EntityKind } from './kinds.ts';
import { parseRelationId, relationId } from './relation-id.ts';
import type { RelationType } from './relations.ts';
import { boundsOf, type TimeBounds } from './time-bounds.ts';
import { yearOf, type TimePrecision, type TimeSpan } from './time-span.ts';

/*
 * The storage codec: how entities and relations are kept as Neo4j properties, both ways. Neo4j
 * properties cannot nest, so provenance is two parallel lists (`sourceIds`, `sourceQuotes`), a time
 * span is flat fields plus `startYear`/`endYear` for indexed ranges and its bounds to the day for as-of
 * questions (model/time-bounds.ts; undated facts get bounds too, the widest), and quantities are one JSON
 * string. An entity also keeps `startOrder`/`endOrder` (its years, or UNDATED_YEAR): the keys its pages by date seek
 * in an index (cypher/entities.ts), present on every entity as an undated one's year is not. `hash` lets a reload
 * tell "unchanged" from "updated" without comparing every field in Cypher.
 * Everything that writes (the loader, curation) encodes here; everything that reads decodes here.
 *
 * What one dataset says of an item (its claim) is the props that dataset alone would store. An item
 * that one dataset claims stores just that; one that several claim stores their merge (model/claims.ts)
 * with `datasets`, and keeps each claim as it is on a `Claim` node, so that no dataset's words are lost.
 */

/** A flat property map, as Neo4j stores it. */
export type Props = Record<string, string | number | boolean | string[] | null>;

/** A time span as stored; all null when undated, but for its bounds, which every entity and relation has. */
export interface TimeProps extends TimeBounds {
  readonly timeStart: string | null;
  readonly timeEnd: string | null;
  readonly timePrecision: string | null;
  readonly timeText: string | null;
  readonly timeStartJulian?: string | null;
  readonly timeEndJulian?: string | null;
  readonly startYear: number | null;
  readonly endYear: number | null;
}

export interface ProvenanceProps {
  readonly sourceIds: readonly string[];
  readonly sourceQuotes: readonly string[];
}

/** An entity's properties as stored (a Source document's have its URL, licence and basis too). */
export interface EntityProps extends TimeProps, ProvenanceProps {
  readonly id: string;
  readonly kind: EntityKind;
  readonly name: string;
  readonly aliases: readonly string[];
  readonly description: string;
  readonly category: string | null;
  readonly status: string | null;
  readonly quantities: string | null;
  /** The dataset whose claim comes first (model/claims.ts); the only one unless `datasets` is set. */
  readonly dataset: string | null;
  /** Every dataset that claims it, first to last, when there are several; absent when one dataset alone does. */
  readonly datasets?: readonly string[] | null;
  readonly url?: string | null;
  readonly license?: string | null;
  readonly attribution?: string | null;
  readonly basis?: string | null;
  /** A document's text, against which quotes are checked; reads leave it in Neo4j. */
  readonly text?: string | null;
}

/** A relation's properties as stored; its type and ends are the relationship's own. */
export interface RelationProps extends TimeProps, ProvenanceProps {
  readonly id: string;
  readonly role: string | null;
  readonly effect: string | null;
  readonly effectFrom: string | null;
  readonly effectTo: string | null;
  readonly note: string | null;
  readonly dataset?: string | null;
  readonly datasets?: readonly string[] | null;
}

export interface EntityRecord {
  readonly id: string;
  readonly kind: EntityKind;
  readonly props: Props;
}

export interface RelationRecord {
  readonly id: string;
  readonly type: RelationType;
  readonly from: string;
  readonly to: string;
  readonly props: Props;
}

export interface SourceQuote {
  readonly quote: string;
  readonly source: string;
}

export interface Quantity {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
}

// ---------------------------------------------------------------------------------------------------
// Encoding: a fixture (or a curated edit, checked as one) into the properties a write stores. A curated
// amendment (model/fixture-schema.ts) is encoded alike, without the fields it leaves to other datasets.

export function entityRecord(entity: EntityAmendment, dataset: string, defaultSource: string): EntityRecord {
  return {
    id: entity.id,
    kind: entity.kind,
    props: stored({
      id: entity.id,
      kind: entity.kind,
      dataset,
      ...nameProps(entity.name ?? null, entity.aliases),
      description: entity.description ?? null,
      category: entity.category ?? null,
      status: entity.status ?? null,
      quantities: entity.quantities.length > 0 ? JSON.stringify(entity.quantities) : null,
      ...timeProps(entity.time),
      ...provenanceProps(entity.sources, defaultSource),
    }),
  };
}

/**
 * A source document is an entity too, so facts can point at it and clients can cite it. It keeps
 * its `text`, so that quotes added later (by curation) can be checked against it like a fixture's.
 */
export function documentRecord(document: DocumentFixture, dataset: string, text: string): EntityRecord {
  return {
    id: document.id,
    kind: 'Source',
    props: stored({
      id: document.id,
      kind: 'Source',
      dataset,
      ...nameProps(document.name, []),
      description: document.description,
      category: document.basis,
      basis: document.basis,
      url: document.url ?? null,
      license: document.license ?? null,
      attribution: document.attribution ?? null,
      timeStart: document.retrieved ?? null,
      timePrecision: document.retrieved ? 'day' : null,
      ...boundsOf(document.retrieved ? { start: document.retrieved, precision: 'day' } : undefined),
      sourceIds: [document.id],
      sourceQuotes: [],
      text,
    }),
  };
}

export function relationRecord(relation: RelationAmendment, dataset: string, defaultSource: string): RelationRecord {
  const id = relationId(relation);
  return {
    id,
    type: relation.type as RelationType,
    from: relation.from,
    to: relation.to,
    props: stored({
      id,
      dataset,
      role: relation.role ?? null,
      effect: relation.effect ?? null,
      effectFrom: relation.effectFrom ?? null,
      effectTo: relation.effectTo ?? null,
      note: relation.note ?? null,
      ...timeProps(relation.time),
      ...provenanceProps(relation.sources, defaultSource),
    }),
  };
}

/** The stored keys of a time span: a span is claimed, merged and compared as one value. */
export const TIME_KEYS: readonly string[] = Object.keys(timeProps(undefined));

/**
 * The keys of a time span as a source states it, all null when it states none. The other TIME_KEYS are derived
 * from these, and have values even for an undated fact (its bounds are every day there is).
 */
export const STATED_TIME_KEYS: readonly string[] = Object.keys(statedTimeProps(undefined));

function statedTimeProps(time: TimeSpan | undefined): Props {
  return {
    timeStart: time?.start ?? null,
    timeEnd: time?.end ?? null,
    timePrecision: time?.precision ?? null,
    timeText: time?.text ?? null,
    timeStartJulian: time?.startJulian ?? null,
    timeEndJulian: time?.endJulian ?? null,
  };
}

// Built by assignment, not by spreading objects: it runs once per item of every load, millions of times for a large one.
function timeProps(time: TimeSpan | undefined): Props {
  const props = Object.assign(statedTimeProps(time), boundsOf(time));
  props['startYear'] = time?.start !== undefined ? yearOf(time.start) : time?.end !== undefined ? yearOf(time.end) : null;
  props['endYear'] = time?.end !== undefined ? yearOf(time.end) : time?.start !== undefined ? yearOf(time.start) : null;
  return props;
}

function provenanceProps(sources: readonly SourceRefFixture[] = [], defaultSource: string): Props {
  return {
    sourceIds: sources.map((source) => source.source ?? defaultSource),
    sourceQuotes: sources.map((source) => source.quote),
  };
}

export function nameProps(name: string | null, aliases: readonly string[]): Props {
  return { name, aliases: [...aliases], aliasText: aliases.join(' | ') };
}

/** The year an undated item sorts at, after every real one (years have four digits), as Neo4j sorts nulls: last ascending, first descending. */
export const UNDATED_YEAR = 100000;

/**
 * Keys an entity is stored with that follow from its other props alone: the years its pages by date are ordered
 * by, undated at UNDATED_YEAR, so that every entity has them and an index holds every entity (one without a
 * property is missing from an index on it). Derived, they are left out of the hash: it covers the years they
 * follow from, and adding them changed no stored item's hash.
 */
export const SORT_KEYS: readonly string[] = ['startOrder', 'endOrder'];

/** An entity's SORT_KEYS, from its stored (or about to be stored) props. */
export function sortKeysOf(props: Props): Props {
  const year = (value: Props[string] | undefined) => (typeof value === 'number' ? value : UNDATED_YEAR);
  return { startOrder: year(props['startYear']), endOrder: year(props['endYear']) };
}

/**
 * The props as stored, with their hash, and for an entity (props with a `kind`) its SORT_KEYS. Neo4j keeps no
 * null property (`SET e = props` drops the key), so nulls are left out: half of a relation's fields are usually
 * null, and each would cost Bolt traffic and transaction memory on a large load.
 */
export function stored(props: Props): Props {
  const kept: Props = {};
  for (const key in props) {
    const value = props[key];
    if (value !== null && value !== undefined && !SORT_KEYS.includes(key)) kept[key] = value;
  }
  const hash = contentHash(kept);
  if (kept['kind'] != null) Object.assign(kept, sortKeysOf(kept));
  kept['hash'] = hash;
  return kept;
}

/**
 * A digest of stored props in a canonical form: keys sorted and nulls left out, so neither the order in which
 * the code lists fields nor a field that is absent rather than null changes it; it can be recomputed from what
 * Neo4j holds. SORT_KEYS are left out, being derived (see stored). (Before this form, hashes covered `JSON.stringify` of the props in code order, nulls included:
 * the first load after the change reports every item of a dataset as updated, once.)
 */
export function contentHash(props: Props): string {
  const canonical = Object.keys(props)
    .filter((key) => key !== 'hash' && !SORT_KEYS.includes(key) && props[key] !== null && props[key] !== undefined)
    .sort()
    .map((key) => [key, props[key]]);
  return createHash('sha1').update(JSON.stringify(canonical)).digest('base64url');
}

// ---------------------------------------------------------------------------------------------------
// Decoding: stored properties back into the model's values, for reads and for curation's edits.

/** The time span stored on an entity or relation, or undefined when undated. */
export function timeSpanOf(props: TimeProps): TimeSpan | undefined {
  if (props.timePrecision == null) return undefined;
  return {
    start: props.timeStart ?? undefined,
    end: props.timeEnd ?? undefined,
    precision: props.timePrecision as TimePrecision,
    text: props.timeText ?? undefined,
    ...(props.timeStartJulian ? { startJulian: props.timeStartJulian } : {}),
    ...(props.timeEndJulian ? { endJulian: props.timeEndJulian } : {}),
  };
}

/** Each quote with the id of its document. */
export function sourceQuotesOf(props: ProvenanceProps): SourceQuote[] {
  return (props.sourceQuotes ?? []).map((quote, index) => ({ quote, source: props.sourceIds?.[index] ?? '' }));
}

export function quantitiesOf(props: Pick<EntityProps, 'quantities'>): Quantity[] {
  return props.quantities ? (JSON.parse(props.quantities) as Quantity[]) : [];
}

/**
 * The fixture a stored entity was encoded from, so that curation can change it and check it as a fixture, and an
 * export can write it; for a curated amendment, without the fields it leaves out.
 */
export function entityFixtureOf(props: EntityProps): EntityAmendment {
  return {
    id: props.id,
    kind: props.kind,
    name: props.name ?? undefined,
    aliases: [...(props.aliases ?? [])],
    description: props.description ?? undefined,
    category: props.category ?? undefined,
    status: props.status ?? undefined,
    time: timeSpanOf(props),
    quantities: quantitiesOf(props),
    sources: quotedOrNone(props),
  };
}

/** The document a stored Source was encoded from (documentRecord), its text aside: for exports. */
export function documentFixtureOf(props: EntityProps, file: string): DocumentFixture {
  return {
    id: props.id,
    name: props.name,
    description: props.description,
    file,
    basis: props.basis as DocumentFixture['basis'],
    url: props.url ?? undefined,
    license: props.license ?? undefined,
    attribution: props.attribution ?? undefined,
    retrieved: props.timeStart ?? undefined,
  };
}

/** The fixture a stored relation was encoded from; its type and ends come with it. */
export function relationFixtureOf(relation: RelationProps & { readonly type: RelationType; readonly from: { readonly id: string }; readonly to: { readonly id: string } }): RelationAmendment {
  return {
    type: relation.type,
    from: relation.from.id,
    to: relation.to.id,
    key: parseRelationId(relation.id)?.key,
    role: relation.role ?? undefined,
    effect: relation.effect ?? undefined,
    effectFrom: relation.effectFrom ?? undefined,
    effectTo: relation.effectTo ?? undefined,
    time: timeSpanOf(relation),
    note: relation.note ?? undefined,
    sources: quotedOrNone(relation),
  };
}

/** The quotes, or none for an amendment that adds none (a fixture's list, when given, is never empty). */
function quotedOrNone(props: ProvenanceProps): SourceQuote[] | undefined {
  const quotes = sourceQuotesOf(props);
  return quotes.length > 0 ? quotes : undefined;
}
