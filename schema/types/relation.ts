import type { ObjectFieldBuilder } from '@pothos/core';
import type { Direction, RelatedRow } from '../../cypher/relations.ts';
import type { RelationRow } from '../../cypher/rows.ts';
import { claimantsOf, RELATION_FIELDS } from '../../model/claims.ts';
import { sourceQuotesOf, timeSpanOf, type RelationProps } from '../../model/codec.ts';
import { RELATION_RULES, RELATION_TYPES, type RelationType } from '../../model/relations.ts';
import { builder } from '../builder.ts';
import { enumValues } from '../enum-values.ts';
import { entityIfAny } from '../loaders/entity-loaders.ts';
import type { Positioned } from '../pages.ts';
import { HELD_DESCRIPTION, HeldEnum, heldOf } from './as-of.ts';
import { claimsOf, conflictsOf, RelationClaim, RelationFieldEnum } from './claims.ts';
import { connectionType, cursorField } from './connection.ts';
import { EntityRef } from './entity-ref.ts';
import { SourceRef } from './provenance.ts';
import { TimeSpan } from './time-span.ts';

export const RelationDirection = builder.enumType('RelationDirection', {
  description: 'Which way to follow relations from an entity.',
  values: {
    OUT: { value: 'OUT', description: 'Relations that start at this entity (it is the subject).' },
    IN: { value: 'IN', description: 'Relations that end at this entity (it is the object).' },
    BOTH: { value: 'BOTH', description: 'Both ways.' },
  } as const,
});

export const RelationTypeEnum = builder.enumType('RelationType', {
  description: 'The allowed types of relation between entities.',
  values: enumValues(RELATION_TYPES, (type) => RELATION_RULES[type].description),
});

type Fields<Shape> = ObjectFieldBuilder<typeof builder.$inferSchemaTypes, Shape>;

/** The qualifiers every relation carries, on edges and on stand-alone relations alike. */
function qualifierFields<Shape>(t: Fields<Shape>, props: (shape: Shape) => RelationProps & { type: RelationType }) {
  return {
    relationId: t.id({ description: 'The stable id of the relation.', resolve: (shape) => props(shape).id }),
    type: t.field({ type: RelationTypeEnum, description: 'What kind of relation this is.', resolve: (shape) => props(shape).type }),
    label: t.string({ description: 'How the relation reads from its subject, e.g. "signed".', resolve: (shape) => RELATION_RULES[props(shape).type].label }),
    role: t.string({ nullable: true, description: 'The role of the subject, e.g. "party" or "north side".', resolve: (shape) => props(shape).role }),
    effect: t.string({ nullable: true, description: 'What the relation changed, in words, e.g. "in Russia\'s favour".', resolve: (shape) => props(shape).effect }),
    effectFrom: t.field({
      type: EntityRef,
      nullable: true,
      description: 'Who gave something up by it (of a cession or adjustment).',
      resolve: (shape, _args, { loaders }) => entityIfAny(loaders.entityById, props(shape).effectFrom),
    }),
    effectTo: t.field({
      type: EntityRef,
      nullable: true,
      description: 'Who gained by it.',
      resolve: (shape, _args, { loaders }) => entityIfAny(loaders.entityById, props(shape).effectTo),
    }),
    time: t.field({ type: TimeSpan, nullable: true, description: 'When the relation held or took effect.', resolve: (shape) => timeSpanOf(props(shape)) ?? null }),
    note: t.string({ nullable: true, description: 'A remark on the relation.', resolve: (shape) => props(shape).note }),
    sources: t.field({ type: [SourceRef], description: 'The sentences the relation is taken from, from every dataset that states it.', resolve: (shape) => sourceQuotesOf(props(shape)) }),
    datasets: t.stringList({ description: 'The datasets that state the relation, in rank order: each qualifier comes from the first that states it.', resolve: (shape) => claimantsOf(props(shape)) }),
    claims: t.field({
      type: [RelationClaim],
      description: 'What each dataset that states the relation says of it, in the order of `datasets`; the fields above merge them (see the README, "Datasets").',
      resolve: (shape, _args, context) => claimsOf(props(shape), context),
    }),
    conflicts: t.field({
      type: [RelationFieldEnum],
      description: 'The qualifiers on which those datasets disagree (empty when they agree, or one states it): compare them in `claims`.',
      resolve: (shape, _args, context) => conflictsOf(props(shape), context, RELATION_FIELDS),
    }),
  };
}

export const Relation = builder.objectRef<RelationRow>('Relation').implement({
  description: 'A typed, directed fact between two entities, with its qualifiers and sources.',
  fields: (t) => ({
    ...qualifierFields(t, (row) => row),
    from: t.field({ type: EntityRef, description: 'The subject of the relation.', resolve: (row) => row.from }),
    to: t.field({ type: EntityRef, description: 'The object of the relation.', resolve: (row) => row.to }),
  }),
});

export const RelationEdge = builder.objectRef<Positioned<RelatedRow>>('RelationEdge').implement({
  description: 'A related entity and the relation that joins it, with its qualifiers and sources.',
  fields: (t) => ({
    cursor: cursorField(t, 'Where this edge sits in the list; pass it as `after`.'),
    held: t.field({
      type: HeldEnum,
      nullable: true,
      description: `${HELD_DESCRIPTION} The relation is the fact; the two entities it joins limit it.`,
      resolve: (edge) => heldOf(edge.held),
    }),
    node: t.field({ type: EntityRef, description: 'The entity at the other end.', resolve: (edge) => edge.node }),
    depth: t.int({
      description: 'How many relations away the entity is: 1 (directly related) except in a transitive list (`within`/`contains` with `transitive: true`), where the relation is the last step of the chain.',
      resolve: (edge) => edge.depth ?? 1,
    }),
    direction: t.field({
      type: RelationDirection,
      description: 'OUT when the parent entity is the subject of the relation, IN when it is the object.',
      resolve: (edge) => (edge.outgoing ? 'OUT' : 'IN') as Direction,
    }),
    ...qualifierFields(t, (edge) => edge.relation),
  }),
});

export const RelationConnection = connectionType<RelatedRow>(
  'Relation',
  RelationEdge,
  { type: 'A page of relations of an entity.', total: 'How many relations match, on all pages.', edges: 'The relations on this page.' },
  (t) => ({
    nodes: t.field({ type: [EntityRef], description: 'The related entities on this page, for when the relation itself is not needed.', resolve: (c) => c.edges.map((e) => e.node) }),
  }),
);
