import type { EntityRow, RelationRow } from '../../cypher/rows.ts';
import { attachSource } from '../../services/curation/attach-source.ts';
import { builder } from '../builder.ts';
import { nullWhenNotWritten } from '../root-fields.ts';
import { requireEditor } from '../caller.ts';
import { EntityRef } from '../types/entity-ref.ts';
import { Relation } from '../types/relation.ts';
import { SourceQuoteInput } from './inputs.ts';

const AttachSourceInput = builder.inputType('AttachSourceInput', {
  description: 'A source quote to add to an entity or to a relation: give exactly one of `entityId` and `relationId`.',
  fields: (t) => ({
    entityId: t.id({ description: 'The id of the entity that the quote supports.' }),
    relationId: t.id({ description: 'The global `id` of the relation that the quote supports (`Relation.id`).' }),
    source: t.field({ type: SourceQuoteInput, required: true, description: 'The quote and its source document.' }),
  }),
});

const AttachSourcePayload = builder.objectRef<{ readonly entity: EntityRow | null; readonly relation: RelationRow | null }>('AttachSourcePayload').implement({
  description: 'The result of `attachSource`: the entity or the relation, as stored with the quote.',
  fields: (t) => ({
    entity: t.field({ type: EntityRef, nullable: true, description: 'The entity, when the quote was attached to one.', resolve: (payload) => payload.entity }),
    relation: t.field({ type: Relation, nullable: true, description: 'The relation, when the quote was attached to one.', resolve: (payload) => payload.relation }),
  }),
});

builder.mutationFields((t) => ({
  attachSource: t.field({
    type: AttachSourcePayload,
    nullable: true,
    description: 'Adds a source quote to an entity or a relation; the quote must occur verbatim in that source\'s text. Attaching it again changes nothing. Needs an editor token.' +
      nullWhenNotWritten('the input is refused (BAD_USER_INPUT: not exactly one target, a quote not in the source) or names nothing (NOT_FOUND)'),
    args: { input: t.arg({ type: AttachSourceInput, required: true, description: 'The quote and what it supports.' }) },
    resolve: async function resolveAttachSource(_root, { input }, { caller, executor }) {
      const editor = requireEditor(caller);
      return attachSource(executor, input, editor);
    },
  }),
}));
