import { defineEntityType } from './define-entity-type.ts';
import { POLITY_FIELDS } from './polity-fields.ts';

export const State = defineEntityType('State', {
  ...POLITY_FIELDS,
  within: { types: ['WITHIN'], direction: 'OUT', transitive: true, description: 'The larger place it lies within; with `transitive: true`, the whole chain up.' },
});
