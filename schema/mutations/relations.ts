import { patchRelation, relationDraft } from '../../services/curation/inputs.ts';
import { atInput } from '../../services/curation/problems.ts';
import { createRelation, deleteRelation, updateRelation } from '../../services/curation/relations.ts';
import { builder } from '../builder.ts';
import { nullWhenNotWritten } from '../root-fields.ts';
import { requireEditor } from '../caller.ts';
import { RelationTypeEnum } from '../types/relation.ts';
import { LIMITS, SourceQuoteInput, TimeSpanInput } from './inputs.ts';
import { relationPayload } from './payloads.ts';

/** An input names a relation as GitHub's inputs name an object (`pullRequestId`): by its global id, under the type's name. */
const RELATION_ID_INPUT = 'The relation\'s global `id` (`Relation.id`, or `relation { id }` on an edge; the same string the deprecated `relationId` fields give).';

const CreateRelationInput = builder.inputType('CreateRelationInput', {
  description: `A new relation, as a fixture relation is written; its type must allow the kinds it joins. ${LIMITS}`,
  fields: (t) => ({
    type: t.field({ type: RelationTypeEnum, required: true, description: 'What kind of relation it is.' }),
    from: t.id({ required: true, description: 'The id of its subject.' }),
    to: t.id({ required: true, description: 'The id of its object.' }),
    key: t.id({ description: 'A slug that tells it apart from another relation of the same type between the same two entities.' }),
    role: t.string({ description: 'The role of the subject, e.g. "party".' }),
    effect: t.string({ description: 'What the relation changed, in words.' }),
    effectFrom: t.id({ description: 'The id of whoever gave something up by it.' }),
    effectTo: t.id({ description: 'The id of whoever gained by it.' }),
    time: t.field({ type: TimeSpanInput, description: 'When it held or took effect.' }),
    note: t.string({ description: 'A remark on the relation.' }),
    sources: t.field({ type: [SourceQuoteInput], required: true, description: 'At least one quote that states it.' }),
  }),
});

const UpdateRelationInput = builder.inputType('UpdateRelationInput', {
  description: `Changes to a relation's qualifiers and sources, made to what curation says of it: a field left out stays, \`null\` clears it. Its type and ends stay. ${LIMITS}`,
  fields: (t) => ({
    relationId: t.id({ required: true, description: RELATION_ID_INPUT }),
    role: t.string({ description: 'The role of the subject, e.g. "party".' }),
    effect: t.string({ description: 'What the relation changed, in words.' }),
    effectFrom: t.id({ description: 'The id of whoever gave something up by it.' }),
    effectTo: t.id({ description: 'The id of whoever gained by it.' }),
    time: t.field({ type: TimeSpanInput, description: 'When it held or took effect.' }),
    note: t.string({ description: 'A remark on the relation.' }),
    sources: t.field({ type: [SourceQuoteInput], description: "The quotes that state it (replaces curation's, at least one; other datasets' stay). To add one, use `attachSource`." }),
  }),
});

const DeleteRelationInput = builder.inputType('DeleteRelationInput', {
  description: 'The relation to delete.',
  fields: (t) => ({
    relationId: t.id({ required: true, description: RELATION_ID_INPUT }),
  }),
});

const CreateRelationPayload = relationPayload('CreateRelationPayload', 'The result of `createRelation`.');
const UpdateRelationPayload = relationPayload('UpdateRelationPayload', 'The result of `updateRelation`.');

const DeleteRelationPayload = builder.objectRef<{ readonly relationId: string }>('DeleteRelationPayload').implement({
  description: 'The result of `deleteRelation`.',
  fields: (t) => ({
    relationId: t.exposeID('relationId', { description: 'The global `id` of the relation that was deleted: evict `Relation:<id>` from a normalised cache.' }),
  }),
});

/** The relation an update or delete names, with where in the input it was named (for error paths). */
function relationTarget(input: { readonly relationId: string | number }) {
  return { id: String(input.relationId), path: ['input', 'relationId'] };
}

builder.mutationFields((t) => ({
  createRelation: t.field({
    type: CreateRelationPayload,
    nullable: true,
    description: 'Creates a relation between two existing entities, checked as a fixture relation is (type, kinds, verbatim quotes). Needs an editor token.' +
      nullWhenNotWritten('the input is refused (BAD_USER_INPUT, every problem listed)'),
    args: { input: t.arg({ type: CreateRelationInput, required: true, description: 'The new relation.' }) },
    resolve: async function resolveCreateRelation(_root, { input }, { caller, executor }) {
      const editor = requireEditor(caller);
      return { relation: await createRelation(executor, relationDraft(input), { editor }) };
    },
  }),
  updateRelation: t.field({
    type: UpdateRelationPayload,
    nullable: true,
    description:
      "Changes what curation says of a relation's qualifiers or sources (starting from the relation as it stands, the first time), checked as a new one would be; curation's values come first, and other datasets' quotes stay. Needs an editor token." +
      nullWhenNotWritten('the input is refused (BAD_USER_INPUT, every problem listed) or names no relation (NOT_FOUND)'),
    args: { input: t.arg({ type: UpdateRelationInput, required: true, description: 'The relation and the changes.' }) },
    resolve: async function resolveUpdateRelation(_root, { input }, { caller, executor }) {
      const editor = requireEditor(caller);
      const target = relationTarget(input);
      const relation = await updateRelation(executor, target, (current) => ({ draft: patchRelation(current, input), locate: atInput }), { editor });
      return { relation };
    },
  }),
  deleteRelation: t.field({
    type: DeleteRelationPayload,
    nullable: true,
    description: "Deletes a relation with every dataset's claim of it; NOT_FOUND if there is none. A dataset that still holds it brings it back when loaded again. Needs an editor token." +
      nullWhenNotWritten('the input names no relation (NOT_FOUND) or is not a relation id (BAD_USER_INPUT)'),
    args: { input: t.arg({ type: DeleteRelationInput, required: true, description: 'The relation to delete.' }) },
    resolve: async function resolveDeleteRelation(_root, { input }, { caller, executor }) {
      const editor = requireEditor(caller);
      const target = relationTarget(input);
      return { relationId: await deleteRelation(executor, target, { editor }) };
    },
  }),
}));
