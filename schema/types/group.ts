import { defineEntityType } from './define-entity-type.ts';

export const Group = defineEntityType('Group', {
  opposed: { types: ['OPPOSED'], direction: 'OUT', description: 'What the group opposed.' },
  ledBy: { types: ['LED'], direction: 'IN', description: 'Who led the group.' },
  partOf: { types: ['PART_OF'], direction: 'OUT', description: 'The wider group or movement it belongs to.' },
  members: { types: ['PART_OF'], direction: 'IN', description: 'Factions that belong to it.' },
  activeIn: { types: ['ACTIVE_IN'], direction: 'OUT', description: 'Where the group is found or acts.' },
  events: { types: ['PARTICIPATED_IN', 'INITIATED'], direction: 'OUT', description: 'Events the group took part in.' },
  regardedAsThreatBy: { types: ['REGARDS_AS_THREAT'], direction: 'IN', description: 'Polities that consider it a threat.' },
});
