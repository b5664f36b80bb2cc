import { createHash } from 'node:crypto';
import type { EntityRow, RelationRow, TimeProps } from '../cypher/rows.ts';
import { yearOf, type TimePrecision } from './time-span.ts';
import type { EntityKind } from './kinds.ts';
import type { RelationType } from './relations.ts';
import type { DocumentFixture, EntityFixture, RelationFixture } from './fixture-schema.ts';
import { parseRelationId, relationId } from './relation-id.ts';

/**
 * Fixtures flattened into Neo4j properties. Neo4j properties cannot nest, so provenance is two
 * parallel lists (`sourceIds`, `sourceQuotes`), time spans are flat fields with `startYear` and
 * `endYear` for indexed ranges, and quantities are one JSON string. `hash` lets a reload tell
 * "unchanged" from "updated" without comparing every field in Cypher.
 */
export type Props = Record<string, string | number | boolean | string[] | null>;

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

type TimeFields = Pick<EntityFixture, 'time'>;

function timeProps({ time }: TimeFields): Props {
  return {
    timeStart: time?.start ?? null,
    timeEnd: time?.end ?? null,
    timePrecision: time?.precision ?? null,
    timeText: time?.text ?? null,
    startYear: time?.start !== undefined ? yearOf(time.start) : time?.end !== undefined ? yearOf(time.end) : null,
    endYear: time?.end !== undefined ? yearOf(time.end) : time?.start !== undefined ? yearOf(time.start) : null,
  };
}

function provenanceProps(sources: EntityFixture['sources'], defaultSource: string): Props {
  return {
    sourceIds: sources.map((source) => source.source ?? defaultSource),
    sourceQuotes: sources.map((source) => source.quote),
  };
}

/**
 * The props as stored, with their hash. Neo4j keeps no null property (`SET e = props` drops the
 * key), so nulls are left out: half of a relation's fields are usually null, and each would cost
 * Bolt traffic and transaction memory on a large load. The hash still covers them, so hashes of
 * data loaded before stay valid.
 */
function withHash(props: Props): Props {
  const stored: Props = { hash: createHash('sha1').update(JSON.stringify(props)).digest('base64url') };
  for (const key in props) {
    const value = props[key];
    if (value !== null && value !== undefined) stored[key] = value;
  }
  return stored;
}

function nameProps(name: string, aliases: readonly string[]): Props {
  return { name, aliases: [...aliases], aliasText: aliases.join(' | ') };
}

export function entityRecord(entity: EntityFixture, dataset: string, defaultSource: string): EntityRecord {
  return {
    id: entity.id,
    kind: entity.kind,
    props: withHash({
      id: entity.id,
      kind: entity.kind,
      dataset,
      ...nameProps(entity.name, entity.aliases),
      description: entity.description,
      category: entity.category ?? null,
      status: entity.status ?? null,
      quantities: entity.quantities.length > 0 ? JSON.stringify(entity.quantities) : null,
      ...timeProps(entity),
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
    props: withHash({
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
      sourceIds: [document.id],
      sourceQuotes: [],
      text,
    }),
  };
}

export function relationRecord(relation: RelationFixture, dataset: string, defaultSource: string): RelationRecord {
  const id = relationId(relation);
  return {
    id,
    type: relation.type as RelationType,
    from: relation.from,
    to: relation.to,
    props: withHash({
      id,
      dataset,
      role: relation.role ?? null,
      effect: relation.effect ?? null,
      effectFrom: relation.effectFrom ?? null,
      effectTo: relation.effectTo ?? null,
      note: relation.note ?? null,
      ...timeProps(relation),
      ...provenanceProps(relation.sources, defaultSource),
    }),
  };
}

/*
 * The other way: the fixture a stored entity or relation was flattened from, so that curation can
 * change it and check the result exactly as a fixture is checked. Neo4j drops null properties,
 * hence `?? undefined` for every optional field.
 */

function timeOf(props: TimeProps): EntityFixture['time'] {
  if (props.timePrecision == null) return undefined;
  return {
    start: props.timeStart ?? undefined,
    end: props.timeEnd ?? undefined,
    precision: props.timePrecision as TimePrecision,
    text: props.timeText ?? undefined,
  };
}

function sourcesOf(props: Pick<EntityRow, 'sourceIds' | 'sourceQuotes'>): EntityFixture['sources'] {
  return props.sourceQuotes.map((quote, index) => ({ quote, source: props.sourceIds[index] }));
}

export function entityFixtureOf(row: EntityRow): EntityFixture {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    aliases: [...row.aliases],
    description: row.description,
    category: row.category ?? undefined,
    status: row.status ?? undefined,
    time: timeOf(row),
    quantities: row.quantities ? (JSON.parse(row.quantities) as EntityFixture['quantities']) : [],
    sources: sourcesOf(row),
  };
}

export function relationFixtureOf(row: RelationRow): RelationFixture {
  return {
    type: row.type,
    from: row.from.id,
    to: row.to.id,
    key: parseRelationId(row.id)?.key,
    role: row.role ?? undefined,
    effect: row.effect ?? undefined,
    effectFrom: row.effectFrom ?? undefined,
    effectTo: row.effectTo ?? undefined,
    time: timeOf(row),
    note: row.note ?? undefined,
    sources: sourcesOf(row),
  };
}
