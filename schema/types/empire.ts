import { defineEntityType } from './define-entity-type.ts';
import { POLITY_FIELDS } from './polity-fields.ts';

export const Empire = defineEntityType('Empire', POLITY_FIELDS);
