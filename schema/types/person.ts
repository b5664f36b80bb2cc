import { defineEntityType } from './define-entity-type.ts';

export const Person = defineEntityType('Person', {
  opposed: { types: ['OPPOSED'], direction: 'OUT', description: 'Treaties, people and projects this person opposed.' },
  led: { types: ['LED'], direction: 'OUT', description: 'Events, groups and states this person led (`role`: e.g. President).' },
  events: { types: ['PARTICIPATED_IN', 'INITIATED'], direction: 'OUT', description: 'Events this person took part in or began.' },
  opposedBy: { types: ['OPPOSED'], direction: 'IN', description: 'Who opposed this person.' },
});
