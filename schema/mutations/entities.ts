import { createEntity, updateEntity } from '../../services/curation/entities.ts';
import { entityDraft, patchEntity } from '../../services/curation/inputs.ts';
import { atInput } from '../../services/curation/problems.ts';
import { builder } from '../builder.ts';
import { nullWhenNotWritten } from '../root-fields.ts';
import { requireEditor } from '../caller.ts';
import { EntityKindEnum } from '../types/entity.ts';
import { LIMITS, QuantityInput, SourceQuoteInput, TimeSpanInput } from './inputs.ts';
import { entityPayload } from './payloads.ts';

const CreateEntityInput = builder.inputType('CreateEntityInput', {
  description: `A new entity, as a fixture entity is written. ${LIMITS}`,
  fields: (t) => ({
    id: t.id({ required: true, description: 'Its id: a new slug of lower-case letters, digits and single hyphens, e.g. "kegeti-pass".' }),
    kind: t.field({ type: EntityKindEnum, required: true, description: 'Which kind of entity it is.' }),
    name: t.string({ required: true, description: 'The usual English name.' }),
    aliases: t.stringList({ description: 'Other names and spellings.' }),
    description: t.string({ required: true, description: 'A short description, in your own words.' }),
    category: t.string({ description: 'A finer kind, e.g. "valley".' }),
    status: t.string({ description: 'A state the source reports, e.g. "planned".' }),
    time: t.field({ type: TimeSpanInput, description: 'When it existed, happened or was signed.' }),
    quantities: t.field({ type: [QuantityInput], description: 'Figures the sources give for it.' }),
    sources: t.field({ type: [SourceQuoteInput], required: true, description: 'At least one quote that states it.' }),
  }),
});

const UpdateEntityInput = builder.inputType('UpdateEntityInput', {
  description: `Changes to an entity, made to what curation says of it: a field left out stays, \`null\` clears an optional one, a list replaces curation's list. Its kind stays. ${LIMITS}`,
  fields: (t) => ({
    id: t.id({ required: true, description: 'The id of the entity to change (not a source document).' }),
    name: t.string({ description: 'The usual English name.' }),
    aliases: t.stringList({ description: "Other names and spellings (replaces curation's; those other datasets give stay)." }),
    description: t.string({ description: 'A short description, in your own words.' }),
    category: t.string({ description: 'A finer kind, e.g. "valley".' }),
    status: t.string({ description: 'A state the source reports, e.g. "planned".' }),
    time: t.field({ type: TimeSpanInput, description: 'When it existed, happened or was signed.' }),
    quantities: t.field({ type: [QuantityInput], description: "Figures the sources give for it (replaces curation's)." }),
    sources: t.field({ type: [SourceQuoteInput], description: "The quotes that state it (replaces curation's, at least one; other datasets' stay). To add one, use `attachSource`." }),
  }),
});

const CreateEntityPayload = entityPayload('CreateEntityPayload', 'The result of `createEntity`.');
const UpdateEntityPayload = entityPayload('UpdateEntityPayload', 'The result of `updateEntity`.');

builder.mutationFields((t) => ({
  createEntity: t.field({
    type: CreateEntityPayload,
    nullable: true,
    description: 'Creates an entity, checked as a fixture entity is (kinds, a new id, verbatim quotes); BAD_USER_INPUT lists every problem. Needs an editor token.' +
      nullWhenNotWritten('the input is refused (BAD_USER_INPUT, every problem listed)'),
    args: { input: t.arg({ type: CreateEntityInput, required: true, description: 'The new entity.' }) },
    resolve: async function resolveCreateEntity(_root, { input }, { caller, executor }) {
      const editor = requireEditor(caller);
      return { entity: await createEntity(executor, entityDraft(input), { editor }) };
    },
  }),
  updateEntity: t.field({
    type: UpdateEntityPayload,
    nullable: true,
    description:
      "Changes what curation says of an entity (starting from the entity as it stands, the first time), checked as a new one would be; curation's values come first, and other datasets' aliases and quotes stay. NOT_FOUND for an unknown id. Needs an editor token." +
      nullWhenNotWritten('the input is refused (BAD_USER_INPUT, every problem listed) or names no entity (NOT_FOUND)'),
    args: { input: t.arg({ type: UpdateEntityInput, required: true, description: 'The entity and the changes.' }) },
    resolve: async function resolveUpdateEntity(_root, { input }, { caller, executor }) {
      const editor = requireEditor(caller);
      const target = { id: String(input.id), path: ['input', 'id'] };
      const entity = await updateEntity(executor, target, (current) => ({ draft: patchEntity(current, input), locate: atInput }), { editor });
      return { entity };
    },
  }),
}));
