import type { Random } from '../prng.ts';
import type { DatasetBuilder, TimeSpanFixture } from './builder.ts';
import { nameOf, type GeneratedKind } from './names.ts';

/**
 * The synthetic world is a chain of clusters of 100 entities, each a small frontier like the
 * seed's: two states, regions nested several levels deep, borders, passes, treaties, people,
 * events, groups and organisations. Most relations stay inside a cluster and some reach the
 * previous one, so the graph is connected while no entity becomes a hub whose degree grows
 * with the scale (as in the real world, where a pass does not touch every treaty).
 */
export const CLUSTER_SIZE = 100;

const COMPOSITION: Readonly<Record<GeneratedKind, number>> = {
  State: 2,
  Empire: 0,
  Region: 35,
  Border: 5,
  Pass: 10,
  Treaty: 12,
  Person: 12,
  Event: 15,
  Group: 4,
  Organisation: 5,
};
/** Every tenth cluster has an empire in place of one region. */
const EMPIRE_EVERY = 10;

export function compositionOf(cluster: number): Readonly<Record<GeneratedKind, number>> {
  return cluster % EMPIRE_EVERY === 0 ? { ...COMPOSITION, Empire: 1, Region: COMPOSITION.Region - 1 } : COMPOSITION;
}

export interface Cluster {
  readonly states: string[];
  readonly polities: string[];
  readonly regions: string[];
  readonly borders: string[];
  readonly passes: string[];
  readonly treaties: string[];
  readonly persons: string[];
  readonly events: string[];
  readonly groups: string[];
  readonly organisations: string[];
}

/** Ids and names per kind across all clusters: `syn-<kind>-<n>`, the n-th name of that kind. */
export class EntityNumbering {
  readonly #next = new Map<GeneratedKind, number>();
  constructor(private readonly totals: Readonly<Record<GeneratedKind, number>>) {}

  take(kind: GeneratedKind, random: Random) {
    const index = this.#next.get(kind) ?? 0;
    this.#next.set(kind, index + 1);
    return { id: `syn-${kind.toLowerCase()}-${index}`, naming: nameOf(kind, index, this.totals[kind], random) };
  }
}

function years(start: number, end?: number): TimeSpanFixture {
  return end === undefined ? { start: String(start), precision: 'year' } : { start: String(start), end: String(end), precision: 'year' };
}

function dayIn(year: number, random: Random): TimeSpanFixture {
  const month = String(random.int(1, 12)).padStart(2, '0');
  const day = String(random.int(1, 28)).padStart(2, '0');
  return { start: `${year}-${month}-${day}`, precision: 'day' };
}

/** Creates the entities of one cluster. */
export function clusterEntities(builder: DatasetBuilder, numbering: EntityNumbering, random: Random, index: number): Cluster {
  const composition = compositionOf(index);
  const make = (kind: GeneratedKind, time?: (random: Random) => TimeSpanFixture | undefined): string[] =>
    Array.from({ length: composition[kind] }, () => {
      const { id, naming } = numbering.take(kind, random);
      return builder.entity(kind, id, naming, time?.(random));
    });
  const states = make('State', (r) => years(r.int(1700, 1990)));
  const empires = make('Empire', (r) => years(r.int(1500, 1700), r.int(1800, 1920)));
  return {
    states,
    polities: [...states, ...empires],
    regions: make('Region'),
    borders: make('Border', (r) => (r.chance(0.5) ? years(r.int(1860, 2010)) : undefined)),
    passes: make('Pass'),
    treaties: make('Treaty', (r) => (r.chance(0.7) ? years(r.int(1700, 2020)) : dayIn(r.int(1700, 2020), r))),
    persons: make('Person', (r) => {
      const born = r.int(1650, 1980);
      return years(born, born + r.int(30, 90));
    }),
    events: make('Event', (r) => {
      const start = r.int(1700, 2024);
      return r.chance(0.5) ? years(start) : years(start, start + r.int(1, 15));
    }),
    groups: make('Group'),
    organisations: make('Organisation', (r) => years(r.int(1900, 2015))),
  };
}
