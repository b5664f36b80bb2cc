import { defineEntityType } from './define-entity-type.ts';

export const Event = defineEntityType('Event', {
  participants: { types: ['PARTICIPATED_IN', 'INITIATED'], direction: 'IN', description: 'Who took part in or began it (`role` says how).' },
  ledBy: { types: ['LED'], direction: 'IN', description: 'Who led it.' },
  locations: { types: ['OCCURRED_IN'], direction: 'OUT', description: 'Where it took place.' },
  partOf: { types: ['PART_OF'], direction: 'OUT', description: 'The wider event it belongs to.' },
  parts: { types: ['PART_OF'], direction: 'IN', description: 'Episodes of it.' },
  affected: { types: ['AFFECTED', 'CONCERNS'], direction: 'OUT', description: 'What it changed or concerned (`effect` says how).' },
  ledTo: { types: ['LED_TO'], direction: 'OUT', description: 'What it brought about.' },
  causes: { types: ['LED_TO'], direction: 'IN', description: 'What brought it about.' },
  opposedBy: { types: ['OPPOSED'], direction: 'IN', description: 'Who opposed it.' },
});
