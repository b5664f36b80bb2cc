import { defineEntityType } from './define-entity-type.ts';

export const Pass = defineEntityType('Pass', {
  crosses: { types: ['CROSSES'], direction: 'OUT', description: 'The borders and ranges it crosses (`role`: road, historical).' },
  within: { types: ['WITHIN'], direction: 'OUT', transitive: true, description: 'Where it lies; with `transitive: true`, the whole chain up.' },
  events: { types: ['OCCURRED_IN', 'AFFECTED', 'CONCERNS'], direction: 'IN', description: 'Openings and other events at the pass.' },
});
