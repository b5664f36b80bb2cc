/**
 * The kinds of entity the graph holds. Each kind is a Neo4j label next to the common `Entity`
 * label; this list is the allow-list that every query takes labels from, never from input.
 */
export const ENTITY_KINDS = [
  'Empire',
  'State',
  'Treaty',
  'Person',
  'Group',
  'Region',
  'Pass',
  'Border',
  'Event',
  'Organisation',
  'Policy',
  'Source',
] as const;

export type EntityKind = (typeof ENTITY_KINDS)[number];

/** What each kind stands for; the GraphQL descriptions and the README take their words from here. */
export const KIND_DESCRIPTIONS: Record<EntityKind, string> = {
  Empire: 'An empire, such as the Russian or the Qing Empire.',
  State:
    'A state or polity, sovereign or not, present or historical: the USSR, the Kirghiz SSR, the Republic of China on Taiwan.',
  Treaty: 'A treaty, convention, agreement, protocol or declaration between parties.',
  Person: 'A named person.',
  Group: 'A people or a loosely bounded group of people, such as an ethnic group, an opposition or local residents.',
  Region:
    'A place with extent: an administrative region, prefecture, river basin, valley, lake, mountain range, peak, corridor or wider area (see `category`).',
  Pass: 'A mountain pass, often a border crossing.',
  Border: 'A land border between states, with its length and tripoints.',
  Event: 'Something that happened or is planned: a revolt, revolution, initiative, protest, opening or rivalry.',
  Organisation: 'An organisation, movement or company.',
  Policy: 'A policy or principle that polities follow, such as the One China principle.',
  Source: 'A document that facts are taken from: an article, a map series, a background note.',
};

export function isEntityKind(value: string): value is EntityKind {
  return (ENTITY_KINDS as readonly string[]).includes(value);
}
