import type { Random } from '../prng.ts';
import type { DatasetBuilder, RelationExtras } from './builder.ts';
import type { Cluster } from './clusters.ts';

/**
 * The relations of a cluster, kind by kind, as the seed has them: regions nest WITHIN each other
 * and the states, treaties are SIGNED by two or three polities and ESTABLISH, DELIMIT, ADJUST or
 * CEDE regions and borders, borders SEPARATE polities, passes CROSS borders, people LEAD and
 * OPPOSE, events OCCUR somewhere. A third of the treaty seats and a few other relations reach
 * the previous cluster, which keeps the graph connected.
 */

/** Distinct picks from `items` (fewer when it is short); the attempts are bounded. */
function sample<T>(random: Random, items: readonly T[], count: number): T[] {
  const picked = new Set<T>();
  for (let attempt = 0; attempt < count * 4 && picked.size < Math.min(count, items.length); attempt += 1) picked.add(random.pick(items));
  return [...picked];
}

interface Context {
  readonly builder: DatasetBuilder;
  readonly random: Random;
  readonly own: Cluster;
  readonly previous: Cluster | undefined;
  /** A relation dated like the entity it concerns: a signature like its treaty, a leadership like a life. */
  dated(id: string): RelationExtras;
}

function places({ builder, random, own, previous }: Context): void {
  own.regions.forEach((region, i) => {
    // The first regions lie within the states; region i within one of regions i/2 .. i-1, so
    // chains of WITHIN run several levels deep (about log2 of the cluster's 35 regions).
    const parent = i < own.states.length ? own.states[i] : own.regions[random.int(Math.floor(i / 2), i - 1)];
    if (parent) builder.relate('WITHIN', region, parent);
    builder.relate('ADJACENT_TO', region, random.pick(own.regions));
  });
  for (const polity of own.polities) {
    for (const region of sample(random, own.regions, 2)) builder.relate('CONTROLLED', polity, region);
    if (previous) builder.relate('EXPANDED_INTO', polity, random.pick(previous.regions));
  }
  if (previous && random.chance(0.3)) builder.relate('SUCCEEDED', random.pick(own.states), random.pick(previous.states));
}

function borders({ builder, random, own, previous }: Context): void {
  const polities = [...own.polities, ...(previous?.polities ?? [])];
  own.borders.forEach((border, i) => {
    const sides = i === 0 && previous ? [random.pick(own.states), random.pick(previous.states)] : sample(random, polities, 2);
    for (const side of sides) builder.relate('SEPARATES', border, side);
    for (const region of sample(random, own.regions, 2)) builder.relate('DIVIDES', border, region, { role: random.pick(['north side', 'south side']) });
    builder.relate('RUNS_THROUGH', border, random.pick(own.regions));
    const [main] = own.borders;
    if (i > 0 && main && random.chance(0.3)) builder.relate('PART_OF', border, main);
    if (random.chance(0.2)) builder.relate('TRIPOINT_WITH', border, random.pick(polities));
  });
  for (const pass of own.passes) {
    builder.relate('WITHIN', pass, random.pick(own.regions));
    builder.relate('CROSSES', pass, random.chance(0.7) ? random.pick(own.borders) : random.pick(own.regions), { role: random.pick(['road', 'historical']) });
  }
}

function treaties({ builder, random, own, previous, dated }: Context): void {
  const neighbours = [...own.polities, ...(previous?.polities ?? [])];
  const targets = [...own.regions, ...own.borders];
  own.treaties.forEach((treaty, i) => {
    // Mostly the cluster's own polities; the neighbours' too for about a third of treaties, as cross-border treaties are.
    const parties = sample(random, random.chance(0.35) ? neighbours : own.polities, random.int(2, 3));
    for (const party of parties) builder.relate('SIGNED', party, treaty, { role: 'party', ...dated(treaty) });
    const [giver, taker] = parties;
    for (const target of sample(random, targets, random.int(2, 4))) {
      // CEDES takes regions only; a cession or adjustment says who gave and who gained.
      // The four types that move land, as before AFFECTED counted among a treaty's effects: the same dataset as earlier runs.
      const type = own.regions.includes(target) ? random.pick(['ESTABLISHES', 'DELIMITS', 'ADJUSTS', 'CEDES'] as const) : random.pick(['ESTABLISHES', 'DELIMITS', 'ADJUSTS'] as const);
      const transfer = (type === 'CEDES' || type === 'ADJUSTS') && giver && taker ? { effectFrom: giver, effectTo: taker, effect: 'in favour of the receiving party' } : {};
      builder.relate(type, treaty, target, transfer);
    }
    const earlier = own.treaties[random.int(0, Math.max(0, i - 1))];
    if (i > 0 && earlier && random.chance(0.4)) builder.relate('IMPLEMENTS', treaty, earlier);
    if (random.chance(0.5)) builder.relate('CONCERNS', treaty, random.pick(own.regions));
  });
}

function actors({ builder, random, own, dated }: Context): void {
  for (const person of own.persons) {
    builder.relate('LED', person, random.pick(random.pick([own.events, own.groups, own.organisations, own.states])), { role: 'leader', ...dated(person) });
    if (random.chance(0.6)) builder.relate('OPPOSED', person, random.pick(own.treaties));
    for (const event of sample(random, own.events, random.int(1, 2))) builder.relate('PARTICIPATED_IN', person, event, { role: 'participant', ...dated(event) });
    if (random.chance(0.3)) builder.relate('INITIATED', person, random.chance(0.5) ? random.pick(own.events) : random.pick(own.treaties));
  }
  for (const group of own.groups) {
    builder.relate('ACTIVE_IN', group, random.pick(own.regions));
    if (random.chance(0.5)) builder.relate('OPPOSED', group, random.pick(own.treaties));
    builder.relate('PARTICIPATED_IN', group, random.pick(own.events));
  }
  for (const organisation of own.organisations) {
    builder.relate('ACTIVE_IN', organisation, random.pick([...own.regions, ...own.states]));
    if (random.chance(0.5)) builder.relate('AFFECTED', organisation, random.pick(own.regions), { effect: 'changed it' });
    if (random.chance(0.5)) builder.relate('REGARDS_AS_THREAT', random.pick(own.states), organisation);
  }
}

function events({ builder, random, own }: Context): void {
  own.events.forEach((event, i) => {
    builder.relate('OCCURRED_IN', event, random.pick([...own.regions, ...own.passes, ...own.borders]));
    const earlier = own.events[random.int(0, Math.max(0, i - 1))];
    if (i > 0 && earlier && random.chance(0.25)) builder.relate('PART_OF', event, earlier);
    if (random.chance(0.3)) builder.relate('LED_TO', event, random.chance(0.5) ? random.pick(own.events) : random.pick(own.treaties));
    if (random.chance(0.5)) builder.relate('AFFECTED', event, random.pick([...own.regions, ...own.persons, ...own.groups]), { effect: 'changed it' });
    if (random.chance(0.5)) builder.relate('CONCERNS', event, random.pick([...own.borders, ...own.treaties]));
  });
}

/** The relations of one cluster, to itself and to the cluster before it (if any). */
export function clusterRelations(builder: DatasetBuilder, random: Random, own: Cluster, previous: Cluster | undefined): void {
  const dated = (id: string): RelationExtras => {
    const time = builder.timeOf(id);
    return time ? { time } : {};
  };
  const context: Context = { builder, random, own, previous, dated };
  for (const relate of [places, borders, treaties, actors, events]) relate(context);
}

/**
 * One more relation of a common kind inside the cluster, to bring the dataset to its relation
 * budget; false when the pick was already there (the caller bounds its attempts).
 */
export function fillerRelation(builder: DatasetBuilder, random: Random, own: Cluster): boolean {
  switch (random.int(0, 4)) {
    case 0:
      return builder.relate('ADJACENT_TO', random.pick(own.regions), random.pick(own.regions));
    case 1:
      return builder.relate('PARTICIPATED_IN', random.pick(own.persons), random.pick(own.events), { role: 'participant' });
    case 2:
      return builder.relate('CONCERNS', random.pick(own.events), random.pick([...own.regions, ...own.treaties, ...own.persons]));
    case 3:
      return builder.relate('OCCURRED_IN', random.pick(own.events), random.pick(own.regions));
    default:
      return builder.relate('OPPOSED', random.pick([...own.persons, ...own.groups]), random.pick(own.treaties));
  }
}
