import { TREATY_EFFECT_TYPES, TREATY_EFFECTS_IN_WORDS } from '../../model/relations.ts';
import { defineEntityType } from './define-entity-type.ts';

export const Treaty = defineEntityType('Treaty', {
  parties: { types: ['SIGNED'], direction: 'IN', description: 'The states and empires that signed it.' },
  nonParties: { types: ['NOT_PARTY_TO'], direction: 'IN', description: 'Polities it concerned that were not parties to it.' },
  affects: {
    types: TREATY_EFFECT_TYPES,
    direction: 'OUT',
    description: `The places and other things it ${TREATY_EFFECTS_IN_WORDS}; \`type\` and \`effect\` say which. The inverse of \`treaties(affecting:)\`, without what lies within.`,
  },
  implements: { types: ['IMPLEMENTS'], direction: 'OUT', description: 'Earlier treaties it carried out.' },
  implementedBy: { types: ['IMPLEMENTS'], direction: 'IN', description: 'Later treaties that carried it out.' },
  notRecognisedBy: { types: ['DOES_NOT_RECOGNISE'], direction: 'IN', description: 'Polities that do not recognise it.' },
  opposedBy: { types: ['OPPOSED'], direction: 'IN', description: 'People and groups that opposed it.' },
  concerns: { types: ['CONCERNS', 'AFFECTED', 'LED_TO'], direction: 'OUT', description: 'What else it concerned, changed or led to.' },
  initiatedBy: { types: ['INITIATED'], direction: 'IN', description: 'Who drafted or began it.' },
});
