import type { EntityRow } from '../../cypher/rows.ts';
import { disputedFields, ranked, type ENTITY_FIELDS, type RELATION_FIELDS } from '../../model/claims.ts';
import { quantitiesOf, sourceQuotesOf, timeSpanOf, type EntityProps, type Props, type RelationProps } from '../../model/codec.ts';
import { CURATION_DATASET } from '../../model/fixture-schema.ts';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { entityIfAny } from '../loaders/entity-loaders.ts';
import { Curation } from './change.ts';
import { EntityRef } from './entity-ref.ts';
import { Quantity, SourceRef } from './provenance.ts';
import { TimeSpan } from './time-span.ts';

/**
 * What each dataset claims of an entity or a relation that several datasets define (model/claims.ts): the
 * entity or relation itself is their merge; `claims` shows each dataset's own words, `conflicts` where they differ.
 */

type Claimed = { readonly id: string; readonly dataset?: string | null; readonly datasets?: readonly string[] | null };

/** Each dataset's claim, first to last. An item one dataset claims is that claim itself: no lookup. */
export async function claimsOf<T extends Claimed>(item: T, { loaders }: Context): Promise<T[]> {
  if (!item.datasets) return [item];
  return ranked((await loaders.claimsById.load(item.id)) as unknown as T[]);
}

export async function conflictsOf<F extends string>(item: Claimed, context: Context, fields: Readonly<Record<F, readonly string[]>>): Promise<F[]> {
  if (!item.datasets) return [];
  return disputedFields((await claimsOf(item, context)) as unknown as Props[], fields);
}

const describeDataset = 'The dataset that claims it: a loaded dataset\'s id, or "curation" for what editors wrote.';

/** Of the claim of the dataset "curation": who added it and when, from the change log. */
const describeCuration = 'For the claim of "curation": who added it and when, and who changed it last (from `changes`); null for a dataset\'s claim.';

function curationOf(claim: { readonly id: string; readonly dataset?: string | null }, { loaders }: Context) {
  return claim.dataset === CURATION_DATASET ? loaders.curationById.load(claim.id) : null;
}

export const EntityFieldEnum = builder.enumType('EntityField', {
  description: 'A single-valued field of an entity, on which the datasets that define it may disagree.',
  values: {
    NAME: { value: 'name', description: 'The name (the others become aliases).' },
    DESCRIPTION: { value: 'description', description: 'The description.' },
    CATEGORY: { value: 'category', description: 'The finer kind.' },
    STATUS: { value: 'status', description: 'The status.' },
    TIME: { value: 'time', description: 'The time span, as a whole.' },
    QUANTITIES: { value: 'quantities', description: 'The figures, as a whole.' },
  } as const satisfies Record<string, { value: keyof typeof ENTITY_FIELDS; description: string }>,
});

export const RelationFieldEnum = builder.enumType('RelationField', {
  description: 'A single-valued qualifier of a relation, on which the datasets that state it may disagree.',
  values: {
    ROLE: { value: 'role', description: 'The role of the subject.' },
    EFFECT: { value: 'effect', description: 'What the relation changed.' },
    EFFECT_FROM: { value: 'effectFrom', description: 'Who gave something up by it.' },
    EFFECT_TO: { value: 'effectTo', description: 'Who gained by it.' },
    TIME: { value: 'time', description: 'The time span, as a whole.' },
    NOTE: { value: 'note', description: 'The remark.' },
  } as const satisfies Record<string, { value: keyof typeof RELATION_FIELDS; description: string }>,
});

export const EntityClaim = builder.objectRef<EntityProps>('EntityClaim').implement({
  description: 'What one dataset says of an entity, in its own words and with its own quotes.',
  fields: (t) => ({
    dataset: t.string({ description: describeDataset, resolve: (claim) => claim.dataset ?? '' }),
    curation: t.field({ type: Curation, nullable: true, description: describeCuration, resolve: (claim, _args, context) => curationOf(claim, context) }),
    name: t.string({ nullable: true, description: 'The name this dataset gives it; null for a curated change that keeps the name.', resolve: (claim) => claim.name ?? null }),
    aliases: t.stringList({ description: 'The other names this dataset gives it.', resolve: (claim) => [...(claim.aliases ?? [])] }),
    description: t.string({ nullable: true, description: "This dataset's description; null for a curated change that keeps it.", resolve: (claim) => claim.description ?? null }),
    category: t.string({ nullable: true, description: 'The finer kind, if this dataset says.', resolve: (claim) => claim.category ?? null }),
    status: t.string({ nullable: true, description: 'The status, if this dataset says.', resolve: (claim) => claim.status ?? null }),
    time: t.field({ type: TimeSpan, nullable: true, description: 'When, according to this dataset.', resolve: (claim) => timeSpanOf(claim) ?? null }),
    quantities: t.field({ type: [Quantity], description: 'The figures this dataset gives.', resolve: (claim) => quantitiesOf(claim) }),
    sources: t.field({ type: [SourceRef], description: "This dataset's quotes for it.", resolve: (claim) => sourceQuotesOf(claim) }),
  }),
});

export const RelationClaim = builder.objectRef<RelationProps>('RelationClaim').implement({
  description: 'What one dataset says of a relation: its qualifiers and its own quotes.',
  fields: (t) => ({
    dataset: t.string({ description: describeDataset, resolve: (claim) => claim.dataset ?? '' }),
    curation: t.field({ type: Curation, nullable: true, description: describeCuration, resolve: (claim, _args, context) => curationOf(claim, context) }),
    role: t.string({ nullable: true, description: 'The role of the subject, if this dataset says.', resolve: (claim) => claim.role ?? null }),
    effect: t.string({ nullable: true, description: 'What it changed, according to this dataset.', resolve: (claim) => claim.effect ?? null }),
    effectFrom: t.field({
      type: EntityRef,
      nullable: true,
      description: 'Who gave something up by it, according to this dataset.',
      resolve: (claim, _args, { loaders }): Promise<EntityRow | null> | null => entityIfAny(loaders.entityById, claim.effectFrom),
    }),
    effectTo: t.field({
      type: EntityRef,
      nullable: true,
      description: 'Who gained by it, according to this dataset.',
      resolve: (claim, _args, { loaders }): Promise<EntityRow | null> | null => entityIfAny(loaders.entityById, claim.effectTo),
    }),
    time: t.field({ type: TimeSpan, nullable: true, description: 'When, according to this dataset.', resolve: (claim) => timeSpanOf(claim) ?? null }),
    note: t.string({ nullable: true, description: "This dataset's remark.", resolve: (claim) => claim.note ?? null }),
    sources: t.field({ type: [SourceRef], description: "This dataset's quotes for it.", resolve: (claim) => sourceQuotesOf(claim) }),
  }),
});
