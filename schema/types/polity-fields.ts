import { TREATY_EFFECT_TYPES, TREATY_EFFECTS_IN_WORDS } from '../../model/relations.ts';
import type { RelationFieldSpec } from './relation-field.ts';

/** Relation fields that states and empires share: both sign treaties, hold land and meet at borders. */
export const POLITY_FIELDS = {
  signed: { types: ['SIGNED'], direction: 'OUT', description: 'Treaties this polity is a party to.' },
  notPartyTo: { types: ['NOT_PARTY_TO'], direction: 'OUT', description: 'Treaties that concerned it but that it was not a party to.' },
  doesNotRecognise: { types: ['DOES_NOT_RECOGNISE'], direction: 'OUT', description: 'Treaties or states it does not recognise.' },
  notRecognisedBy: { types: ['DOES_NOT_RECOGNISE'], direction: 'IN', description: 'Polities that do not recognise it.' },
  borders: { types: ['SEPARATES', 'TRIPOINT_WITH'], direction: 'IN', description: 'Borders it lies on, or meets at a tripoint.' },
  contains: { types: ['WITHIN'], direction: 'IN', transitive: true, description: 'Regions and places that lie within it; with `transitive: true`, everything within it at any depth.' },
  controls: { types: ['CONTROLLED', 'EXPANDED_INTO'], direction: 'OUT', description: 'Regions it controlled or expanded into.' },
  succeeded: { types: ['SUCCEEDED'], direction: 'OUT', description: 'Polities it took over from.' },
  succeededBy: { types: ['SUCCEEDED'], direction: 'IN', description: 'Polities that took over from it.' },
  inherited: { types: ['INHERITED'], direction: 'OUT', description: 'Borders it inherited from a predecessor.' },
  partOf: { types: ['PART_OF'], direction: 'OUT', description: 'The union it was a constituent of.' },
  constituents: { types: ['PART_OF'], direction: 'IN', description: 'Its constituent polities.' },
  leaders: { types: ['LED'], direction: 'IN', description: 'People who led it (`role` says how).' },
  events: { types: ['PARTICIPATED_IN', 'INITIATED'], direction: 'OUT', description: 'Events it took part in or began.' },
  follows: { types: ['FOLLOWS'], direction: 'OUT', description: 'Policies and principles it acts under.' },
  regardsAsThreat: { types: ['REGARDS_AS_THREAT'], direction: 'OUT', description: 'Organisations it considers a security threat.' },
} as const satisfies Record<string, RelationFieldSpec>;

/** What `treaties(affecting:)` follows, as a field of a place. */
export const TREATIES_AFFECTING_FIELD = {
  types: TREATY_EFFECT_TYPES,
  direction: 'IN',
  description: `Treaties that ${TREATY_EFFECTS_IN_WORDS} it: every relation of those types from a treaty to it, whatever its \`effect\` says (not what lies within it; see \`Query.treaties\`).`,
} as const satisfies RelationFieldSpec;
