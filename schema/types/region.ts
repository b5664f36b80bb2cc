import { defineEntityType } from './define-entity-type.ts';
import { TREATIES_AFFECTING_FIELD } from './polity-fields.ts';

export const Region = defineEntityType('Region', {
  within: { types: ['WITHIN'], direction: 'OUT', transitive: true, description: 'The larger places it lies within; with `transitive: true`, the whole chain up (a valley, its basin, … the country).' },
  contains: { types: ['WITHIN'], direction: 'IN', transitive: true, description: 'The places that lie within it; with `transitive: true`, everything within it at any depth.' },
  treaties: TREATIES_AFFECTING_FIELD,
  borders: { types: ['DIVIDES', 'RUNS_THROUGH'], direction: 'IN', description: 'Borders that divide it or run through it (`role` gives the side).' },
  controlledBy: { types: ['CONTROLLED', 'EXPANDED_INTO'], direction: 'IN', description: 'Polities that controlled it or expanded into it.' },
  adjacentTo: { types: ['ADJACENT_TO'], direction: 'BOTH', description: 'Places it lies next to.' },
  crossings: { types: ['CROSSES'], direction: 'IN', description: 'Passes that cross it.' },
  events: { types: ['OCCURRED_IN', 'AFFECTED', 'CONCERNS'], direction: 'IN', description: 'Events that took place in it or changed it.' },
  presence: { types: ['ACTIVE_IN'], direction: 'IN', description: 'Organisations and groups active in it.' },
});
