import { defineEntityType } from './define-entity-type.ts';

export const Organisation = defineEntityType('Organisation', {
  activeIn: { types: ['ACTIVE_IN'], direction: 'OUT', description: 'Where it operates or trains.' },
  regardedAsThreatBy: { types: ['REGARDS_AS_THREAT'], direction: 'IN', description: 'Polities that consider it a security threat.' },
  opposed: { types: ['OPPOSED'], direction: 'OUT', description: 'What it opposed.' },
  opposedBy: { types: ['OPPOSED'], direction: 'IN', description: 'Who opposed it.' },
  members: { types: ['PART_OF'], direction: 'IN', description: 'Factions and groups that belong to it.' },
  affected: { types: ['AFFECTED'], direction: 'OUT', description: 'What it changed.' },
});
