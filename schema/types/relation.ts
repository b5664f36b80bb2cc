import type { ObjectFieldBuilder } from '@pothos/core';
import type { Direction, RelatedRow } from '../../cypher/relations.ts';
import type { EntityRow } from '../../cypher/rows.ts';
import { claimantsOf, RELATION_FIELDS } from '../../model/claims.ts';
import { sourceQuotesOf, timeSpanOf, type RelationProps } from '../../model/codec.ts';
import { parseRelationId } from '../../model/relation-id.ts';
import { RELATION_RULES, RELATION_TYPES, type RelationType } from '../../model/relations.ts';
import { builder } from '../builder.ts';
import { enumValues } from '../enum-values.ts';
import { entityIfAny } from '../loaders/entity-loaders.ts';
import type { Loaders } from '../loaders/index.ts';
import type { Positioned } from '../pages.ts';
import { HELD_DESCRIPTION, HeldEnum, heldOf } from './as-of.ts';
import { claimsOf, conflictsOf, RelationClaim, RelationFieldEnum } from './claims.ts';
import { connectionType, cursorField } from './connection.ts';
import { EntityRef, NodeRef } from './entity-ref.ts';
import { SourceRef } from './provenance.ts';
import { isEdgeRelation, type EdgeRelation, type RelationShape } from './relation-shape.ts';
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

/**
 * The qualifiers every relation carries: on `Relation`, and still on `RelationEdge`, where each is deprecated
 * (`deprecated` names the replacement) since an edge copied them before it pointed to its relation.
 */
function qualifierFields<Shape>(t: Fields<Shape>, props: (shape: Shape) => RelationProps & { type: RelationType }, deprecated: (field: string) => string | undefined) {
  const on = (field: string) => {
    const deprecationReason = deprecated(field);
    return deprecationReason === undefined ? {} : { deprecationReason };
  };
  return {
    relationId: t.id({ description: 'The stable id of the relation.', ...on('relationId'), resolve: (shape) => props(shape).id }),
    type: t.field({ type: RelationTypeEnum, description: 'What kind of relation this is.', ...on('type'), resolve: (shape) => props(shape).type }),
    label: t.string({ description: 'How the relation reads from its subject, e.g. "signed".', ...on('label'), resolve: (shape) => RELATION_RULES[props(shape).type].label }),
    role: t.string({ nullable: true, description: 'The role of the subject, e.g. "party" or "north side".', ...on('role'), resolve: (shape) => props(shape).role }),
    effect: t.string({ nullable: true, description: 'What the relation changed, in words, e.g. "in Russia\'s favour".', ...on('effect'), resolve: (shape) => props(shape).effect }),
    effectFrom: t.field({
      type: EntityRef,
      nullable: true,
      description: 'Who gave something up by it (of a cession or adjustment).',
      ...on('effectFrom'),
      resolve: (shape, _args, { loaders }) => entityIfAny(loaders.entityById, props(shape).effectFrom),
    }),
    effectTo: t.field({
      type: EntityRef,
      nullable: true,
      description: 'Who gained by it.',
      ...on('effectTo'),
      resolve: (shape, _args, { loaders }) => entityIfAny(loaders.entityById, props(shape).effectTo),
    }),
    time: t.field({ type: TimeSpan, nullable: true, description: 'When the relation held or took effect.', ...on('time'), resolve: (shape) => timeSpanOf(props(shape)) ?? null }),
    note: t.string({ nullable: true, description: 'A remark on the relation.', ...on('note'), resolve: (shape) => props(shape).note }),
    sources: t.field({
      type: [SourceRef],
      description: 'The sentences the relation is taken from, from every dataset that states it.',
      ...on('sources'),
      resolve: (shape) => sourceQuotesOf(props(shape)),
    }),
    datasets: t.stringList({
      description: 'The datasets that state the relation, in rank order: each qualifier comes from the first that states it.',
      ...on('datasets'),
      resolve: (shape) => claimantsOf(props(shape)),
    }),
    claims: t.field({
      type: [RelationClaim],
      description: 'What each dataset that states the relation says of it, in the order of `datasets`; the fields above merge them (see the README, "Datasets").',
      ...on('claims'),
      resolve: (shape, _args, context) => claimsOf(props(shape), context),
    }),
    conflicts: t.field({
      type: [RelationFieldEnum],
      description: 'The qualifiers on which those datasets disagree (empty when they agree, or one states it): compare them in `claims`.',
      ...on('conflicts'),
      resolve: (shape, _args, context) => conflictsOf(props(shape), context, RELATION_FIELDS),
    }),
  };
}

/**
 * One end of a relation. An edge's relation has the edge's node at one end and the parent at the other, which its
 * id names (model/relation-id.ts): that one is loaded, batched, only when a client reads it.
 */
function endOf(shape: RelationShape, end: 'from' | 'to', loaders: Loaders): EntityRow | Promise<EntityRow> {
  if (!isEdgeRelation(shape)) return shape[end];
  if (shape.seenFrom.outgoing === (end === 'to')) return shape.seenFrom.node;
  const id = parseRelationId(shape.id)?.[end];
  if (id === undefined) throw new Error(`relation id ${shape.id} names no ends`);
  return loaders.entityById.load(id).then((row) => {
    if (!row) throw new Error(`the ${end} end of relation ${shape.id} was not found`);
    return row;
  });
}

export const Relation = builder.objectRef<RelationShape>('Relation').implement({
  description:
    'A typed, directed fact between two entities, with its qualifiers and sources. One object however it is reached (from either end, along a path, in the timeline): a normalised cache keeps one record per `id` and updates every list that holds it.',
  interfaces: [NodeRef],
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The global id of the relation, which `node(id:)` fetches and mutations take: its subject, type and object (and key) joined by "--".' }),
    ...qualifierFields(
      t,
      (row) => row,
      (field) => (field === 'relationId' ? 'Use `id`: the same string, and the global id that `node(id:)` and normalised caches use.' : undefined),
    ),
    from: t.field({ type: EntityRef, description: 'The subject of the relation.', resolve: (row, _args, { loaders }) => endOf(row, 'from', loaders) }),
    to: t.field({ type: EntityRef, description: 'The object of the relation.', resolve: (row, _args, { loaders }) => endOf(row, 'to', loaders) }),
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
      resolve: (edge) => heldOf(edge.item.held),
    }),
    node: t.field({ type: EntityRef, description: 'The entity at the other end.', resolve: (edge) => edge.item.node }),
    depth: t.int({
      description: 'How many relations away the entity is: 1 (directly related) except in a transitive list (`within`/`contains` with `transitive: true`), where the relation is the last step of the chain.',
      resolve: (edge) => edge.item.depth ?? 1,
    }),
    direction: t.field({
      type: RelationDirection,
      description: 'OUT when the parent entity is the subject of the relation, IN when it is the object.',
      resolve: (edge) => (edge.item.outgoing ? 'OUT' : 'IN') as Direction,
    }),
    relation: t.field({
      type: Relation,
      description: 'The relation itself: one object (one `id`) from either of its ends, so that a normalised cache holds it once.',
      resolve: ({ item }): EdgeRelation => ({ ...item.relation, seenFrom: { node: item.node, outgoing: item.outgoing } }),
    }),
    ...qualifierFields(
      t,
      (edge) => edge.item.relation,
      (field) => `Use \`relation { ${field === 'relationId' ? 'id' : field} }\`: the relation as one object, which caches keep up to date in every list that holds it.`,
    ),
  }),
});

export const RelationConnection = connectionType<RelatedRow>(
  'Relation',
  RelationEdge,
  { type: 'A page of relations of an entity.', total: 'How many relations match, on all pages.', edges: 'The relations on this page.' },
  (t) => ({
    nodes: t.field({ type: [EntityRef], description: 'The related entities on this page, for when the relation itself is not needed.', resolve: (c) => c.items.map((item) => item.node) }),
  }),
);
