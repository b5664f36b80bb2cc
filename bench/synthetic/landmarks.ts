import type { RelationFixture } from '../../model/fixture-schema.ts';

/** A pair of entities for the path question, and what Neo4j's `allShortestPaths` must find between them. */
export interface PathPair {
  readonly from: string;
  readonly to: string;
  readonly hops: number;
  readonly paths: number;
}

/**
 * Picks, from `from`, the entity furthest away within `maxHops` (ignoring direction, as the path
 * query does) that has between 2 and `maxPaths` shortest paths to it: more than one so the answer
 * is a real list, and no more than the API returns, so that which paths come back is not a choice
 * the database makes differently from one query to the next. Paths are counted per relationship,
 * as `allShortestPaths` counts them (two relations between one pair are two paths).
 */
export function pathPair(relations: readonly RelationFixture[], from: string, maxHops: number, maxPaths: number): PathPair {
  const neighbours = new Map<string, string[]>();
  const link = (a: string, b: string) => {
    const list = neighbours.get(a);
    if (list) list.push(b);
    else neighbours.set(a, [b]);
  };
  for (const relation of relations) {
    link(relation.from, relation.to);
    link(relation.to, relation.from);
  }

  const distance = new Map<string, number>([[from, 0]]);
  const paths = new Map<string, number>([[from, 1]]);
  let frontier = [from];
  let best: PathPair | undefined;
  for (let hops = 1; hops <= maxHops && frontier.length > 0; hops += 1) {
    const next: string[] = [];
    for (const node of frontier) {
      for (const neighbour of neighbours.get(node) ?? []) {
        const known = distance.get(neighbour);
        if (known === undefined) {
          distance.set(neighbour, hops);
          next.push(neighbour);
        }
        if ((known ?? hops) === hops) paths.set(neighbour, (paths.get(neighbour) ?? 0) + (paths.get(node) ?? 0));
      }
    }
    // Ties go to the smallest id, so the pick does not depend on the order relations were listed in.
    const candidates = next.filter((node) => {
      const count = paths.get(node) ?? 0;
      return count >= 2 && count <= maxPaths;
    });
    const to = candidates.sort()[0];
    if (to !== undefined) best = { from, to, hops, paths: paths.get(to) ?? 0 };
    frontier = next;
  }
  if (!best) throw new Error(`synthetic: no entity within ${maxHops} hops of ${from} has 2 to ${maxPaths} shortest paths`);
  return best;
}
