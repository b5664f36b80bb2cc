import { quantitiesOf } from '../../model/codec.ts';
import { defineEntityType } from './define-entity-type.ts';
import { TREATIES_AFFECTING_FIELD } from './polity-fields.ts';

export const Border = defineEntityType(
  'Border',
  {
    separates: { types: ['SEPARATES'], direction: 'OUT', description: 'The polities on either side.' },
    divides: { types: ['DIVIDES'], direction: 'OUT', description: 'The regions it runs along; `role` says on which side.' },
    tripoints: { types: ['TRIPOINT_WITH'], direction: 'OUT', description: 'Third polities it meets at its ends.' },
    runsThrough: { types: ['RUNS_THROUGH'], direction: 'OUT', description: 'Ranges and features it follows.' },
    crossings: { types: ['CROSSES'], direction: 'IN', description: 'Passes that cross it (`role`: road, historical).' },
    treaties: TREATIES_AFFECTING_FIELD,
    partOf: { types: ['PART_OF'], direction: 'OUT', description: 'The longer border it is a section of.' },
    sections: { types: ['PART_OF'], direction: 'IN', description: 'Its sections.' },
    inheritedBy: { types: ['INHERITED'], direction: 'IN', description: 'Polities that inherited it.' },
  },
  (t) => ({
    lengthKm: t.float({
      nullable: true,
      description: 'Its length in kilometres, when a source gives it.',
      resolve: (row) => quantitiesOf(row).find((q) => q.name === 'length' && q.unit === 'km')?.value ?? null,
    }),
  }),
);
