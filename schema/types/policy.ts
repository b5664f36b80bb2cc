import { defineEntityType } from './define-entity-type.ts';

export const Policy = defineEntityType('Policy', {
  followedBy: { types: ['FOLLOWS'], direction: 'IN', description: 'Polities that act under it.' },
  concerns: { types: ['CONCERNS'], direction: 'OUT', description: 'What it is about.' },
});
