import type { EntityKind } from './kinds.ts';

/**
 * The allow-list of relation types: each is a Neo4j relationship type, directed from `from` to
 * `to`, and may only join the kinds listed. Queries take relationship types from here, never from input.
 */
export interface RelationRule {
  readonly from: readonly EntityKind[];
  readonly to: readonly EntityKind[];
  /** How the relation reads from its start node, e.g. "signed". */
  readonly label: string;
  readonly description: string;
}

const POLITIES = ['State', 'Empire'] as const satisfies readonly EntityKind[];
const PLACES = ['Region', 'State', 'Empire'] as const satisfies readonly EntityKind[];
const ACTORS = ['Person', 'Group', 'Organisation', 'State', 'Empire'] as const satisfies readonly EntityKind[];
const ANY: readonly EntityKind[] = [
  'Empire', 'State', 'Treaty', 'Person', 'Group', 'Region', 'Pass', 'Border', 'Event', 'Organisation', 'Policy', 'Source',
];

export const RELATION_RULES = {
  SIGNED: { from: POLITIES, to: ['Treaty'], label: 'signed', description: 'A polity is a party to a treaty.' },
  NOT_PARTY_TO: {
    from: POLITIES,
    to: ['Treaty'],
    label: 'was not a party to',
    description: 'A polity that the source says was not a party to a treaty that concerned it.',
  },
  ESTABLISHES: {
    from: ['Treaty'],
    to: ['Border', 'Region'],
    label: 'provided for',
    description: 'A treaty provides for a border or creates a region.',
  },
  DELIMITS: {
    from: ['Treaty'],
    to: ['Border', 'Region'],
    label: 'delimited',
    description: 'A treaty fixes where a border runs, or the border of a region.',
  },
  ADJUSTS: {
    from: ['Treaty'],
    to: ['Border', 'Region'],
    label: 'adjusted',
    description: 'A treaty moves an existing border line; `effect`, `effectFrom` and `effectTo` say in whose favour.',
  },
  CEDES: {
    from: ['Treaty'],
    to: ['Region'],
    label: 'ceded',
    description: 'A treaty transfers a region; `effectFrom` gives it up, `effectTo` receives it.',
  },
  IMPLEMENTS: {
    from: ['Treaty'],
    to: ['Treaty'],
    label: 'implements',
    description: 'A treaty carries out what an earlier treaty provided for.',
  },
  DOES_NOT_RECOGNISE: {
    from: POLITIES,
    to: ['Treaty', 'State'],
    label: 'does not recognise',
    description: 'A polity that does not recognise a treaty or the legitimacy of a state.',
  },
  WITHIN: {
    from: ['Region', 'Pass', 'State'],
    to: PLACES,
    label: 'lies within',
    description: 'A place lies inside a larger place (transitively walked by `treaties(affecting:)`).',
  },
  ADJACENT_TO: {
    from: PLACES,
    to: PLACES,
    label: 'lies next to',
    description: 'Two places share a boundary.',
  },
  PART_OF: {
    from: ['State', 'Event', 'Group', 'Border'],
    to: ['State', 'Event', 'Group', 'Organisation', 'Border'],
    label: 'was part of',
    description:
      'A constituent polity of a union, an episode of a wider event, a faction of a group, or a section of a border.',
  },
  SUCCEEDED: {
    from: POLITIES,
    to: POLITIES,
    label: 'succeeded',
    description: 'A polity that took over from another, inheriting its borders.',
  },
  INHERITED: {
    from: POLITIES,
    to: ['Border'],
    label: 'inherited',
    description: 'A polity that took over a section of border from a predecessor (`effectFrom`).',
  },
  CONTROLLED: {
    from: POLITIES,
    to: ['Region'],
    label: 'controlled',
    description: 'A polity held or established control over a region.',
  },
  EXPANDED_INTO: {
    from: POLITIES,
    to: ['Region'],
    label: 'expanded into',
    description: 'A polity extended its rule into a region.',
  },
  SEPARATES: {
    from: ['Border'],
    to: POLITIES,
    label: 'separates',
    description: 'A border runs between polities.',
  },
  DIVIDES: {
    from: ['Border'],
    to: ['Region'],
    label: 'divides',
    description: 'A border runs along a region (`role` says on which side).',
  },
  TRIPOINT_WITH: {
    from: ['Border'],
    to: POLITIES,
    label: 'ends at a tripoint with',
    description: 'A border ends where a third polity meets both sides.',
  },
  RUNS_THROUGH: {
    from: ['Border'],
    to: ['Region'],
    label: 'runs through',
    description: 'A border follows a mountain range or other feature.',
  },
  CROSSES: {
    from: ['Pass'],
    to: ['Border', 'Region'],
    label: 'crosses',
    description: 'A pass crosses a border or a range (`role`: road, historical).',
  },
  OPPOSED: {
    from: ACTORS,
    to: ['Treaty', 'Person', 'Organisation', 'Event'],
    label: 'opposed',
    description: 'An actor opposed a treaty, a person, an organisation or a project.',
  },
  LED: {
    from: ['Person', 'State', 'Empire'],
    to: ['Event', 'Group', 'Organisation', 'State'],
    label: 'led',
    description: 'A person or polity led an event, a group or a state (`role`: e.g. President).',
  },
  PARTICIPATED_IN: {
    from: ACTORS,
    to: ['Event'],
    label: 'took part in',
    description: 'An actor took part in an event (`role` says how).',
  },
  INITIATED: {
    from: ACTORS,
    to: ['Event', 'Treaty'],
    label: 'initiated',
    description: 'An actor began an initiative or drafted a treaty.',
  },
  OCCURRED_IN: {
    from: ['Event'],
    to: ['Region', 'State', 'Pass', 'Border'],
    label: 'took place in',
    description: 'Where an event happened.',
  },
  AFFECTED: {
    from: ['Event', 'Treaty', 'Organisation'],
    to: ANY,
    label: 'affected',
    description: 'An event or treaty changed something, as `effect` says.',
  },
  CONCERNS: {
    from: ['Event', 'Treaty', 'Policy'],
    to: ANY,
    label: 'concerns',
    description: 'What an event, treaty or policy is about, when no narrower relation fits.',
  },
  LED_TO: {
    from: ['Event', 'Treaty'],
    to: ['Event', 'Treaty', 'Region'],
    label: 'led to',
    description: 'One happening brought about another.',
  },
  ACTIVE_IN: {
    from: ['Organisation', 'Group'],
    to: PLACES,
    label: 'is active in',
    description: 'Where an organisation or group is found or operates.',
  },
  REGARDS_AS_THREAT: {
    from: POLITIES,
    to: ['Organisation', 'Group'],
    label: 'regards as a threat',
    description: 'A polity considers an organisation a security threat.',
  },
  FOLLOWS: {
    from: POLITIES,
    to: ['Policy'],
    label: 'follows',
    description: 'A polity acts under a policy or principle.',
  },
  DEPICTS: {
    from: ['Source'],
    to: ANY,
    label: 'depicts',
    description: 'A map series or document shows an entity.',
  },
} as const satisfies Record<string, RelationRule>;

export type RelationType = keyof typeof RELATION_RULES;

export const RELATION_TYPES = Object.keys(RELATION_RULES) as RelationType[];

/**
 * The relation types by which a treaty acts on a place: what `treaties(affecting:)` follows. Each records an
 * effect: it provided for, delimited, adjusted or ceded the place, or (AFFECTED) changed it otherwise, as its
 * `effect` says ("left on the Russian side"). CONCERNS (what a treaty is about) and LED_TO (what it brought
 * about) record no effect on a place, and do not count.
 */
export const TREATY_EFFECT_TYPES = ['ESTABLISHES', 'DELIMITS', 'ADJUSTS', 'CEDES', 'AFFECTED'] as const satisfies readonly RelationType[];

/** How `TREATY_EFFECT_TYPES` reads in the API's descriptions. */
export const TREATY_EFFECTS_IN_WORDS = 'provided for (ESTABLISHES), delimited (DELIMITS), adjusted (ADJUSTS), ceded (CEDES) or otherwise changed (AFFECTED)';

export function isRelationType(value: string): value is RelationType {
  return Object.hasOwn(RELATION_RULES, value);
}

/** Whether the allow-list lets `type` join an entity of kind `from` to one of kind `to`. */
export function relationAllowed(type: RelationType, from: EntityKind, to: EntityKind): boolean {
  const rule: RelationRule = RELATION_RULES[type];
  return rule.from.includes(from) && rule.to.includes(to);
}
