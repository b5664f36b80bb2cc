import { keptAll, limitOf, rankOf, weakestIn, type AsOfParams } from './as-of.ts';
import { matchById, resolveRefClause, type RefMatchRow, type RefParams } from './entities.ts';
import { boundTo, entityMap, relationMap, type SlimEnds } from './projection.ts';
import { cypher } from './query.ts';
import type { EntityRow, RelationRow } from './rows.ts';
import { TREATIES_ACTING_ON } from './treaties.ts';

/** One entry of a snapshot: an entity, the relation that ties it to the area (when one does), and its rank. */
export interface SnapshotEntryRow {
  readonly node: EntityRow;
  readonly relation: RelationRow | null;
  readonly held: number;
}

export interface SnapshotRow {
  readonly aroundMatches: readonly RefMatchRow[];
  readonly around: string | null;
  readonly entity: EntityRow | null;
  /** The entity's own rank at the days asked: 0 when its dates rule it out. */
  readonly held: number | null;
  readonly within: readonly SnapshotEntryRow[];
  readonly controlledBy: readonly SnapshotEntryRow[];
  readonly borders: readonly SnapshotEntryRow[];
  readonly treaties: readonly SnapshotEntryRow[];
  readonly polities: readonly SnapshotEntryRow[];
}

export type SnapshotParams = SlimEnds & AsOfParams & { around: RefParams; first: number };

const POLITY = `(p:State OR p:Empire)`;

/**
 * The rows (node, rel, held, sortKey) as entries: each entity once, by its strongest way (then its first by
 * `sortKey`), the first `$first` of them by `sortKey` and name. `rel` is the relation that ties it to the area.
 */
const ENTRIES = `
     WITH node, rel, held, sortKey ORDER BY held DESC, sortKey
     WITH node, head(collect([rel, held, sortKey])) AS best
     WITH node, best[0] AS rel, best[1] AS held, best[2] AS sortKey ORDER BY sortKey, node.name, node.id LIMIT toInteger($first)
     RETURN collect({node: ${boundTo('node', entityMap, 'n')}, relation: ${boundTo('rel', (r) => relationMap(r, { ends: true }), 'r')}, held: held})`;

/**
 * The state of things around one entity on the days asked (see as-of.ts), in one statement: the entity itself and
 * its rank, the places it lay within, who controlled it or them, the borders and the treaties in force there, and
 * the polities that existed among all those. Each entry states one fact and is limited by the others it depends on:
 * - within: the containment is the fact (a chain of WITHIN, or PART_OF for a constituent of a union or a section of
 *   a border; the weakest link counts), the places on it limit it;
 * - controlledBy: the control (CONTROLLED or EXPANDED_INTO) of the entity or a place it lay within; the polity
 *   and the way to that place limit it;
 * - borders: a border in force; what ties it to the area (it separates, meets, divides, runs through or is
 *   crossed by it) and the way there limit it;
 * - treaties: a treaty in force that acted on the entity or on anything within it (as `treaties(affecting:)`);
 *   its effect and the containment limit it;
 * - polities: a state or empire that existed, among the entity, the places it lay within, the controllers and the
 *   polities the borders separate or meet; how it was reached limits it.
 * Of several ways to one entity, the strongest counts. The reference `around` is resolved inside (see resolveRefClause).
 */
export const snapshotAround = cypher<SnapshotParams, SnapshotRow>(
  'snapshot.around',
  `${resolveRefClause({ param: 'around', as: 'around' })}
   OPTIONAL CALL (around) {
     ${matchById('x', 'around')}
     // The area: the entity, and the places (and unions) it lay within by containment that may have held. Each has its
     // reach, the containment and places on the way as limits (for the entries that depend on the place), and, for
     // the containment as a fact (the \`within\` entries), its rank and whether it is kept as one.
     CALL (x) {
       RETURN x AS place, ${limitOf('x')} AS reach, null AS held, 0 AS hops, null AS way
       UNION
       MATCH path = (x)-[:WITHIN|PART_OF*1..]->(place:Entity)
       WITH place, path, [n IN nodes(path) | ${limitOf('n')}] AS places
       WITH place, path, places, [w IN relationships(path) | ${rankOf('w')}] + places AS asFact, [w IN relationships(path) | ${limitOf('w')}] + places AS asLimit
       WHERE ${keptAll('asLimit')}
       RETURN place, ${weakestIn('asLimit')} AS reach, CASE WHEN ${keptAll('asFact')} THEN ${weakestIn('asFact')} END AS held, length(path) AS hops, last(relationships(path)) AS way
     }
     WITH x, place, max(reach) AS reach, max(held) AS held, min(hops) AS hops, head(collect(way)) AS way
     WITH x, collect({place: place, reach: reach, held: held, hops: hops, way: way}) AS area
     CALL (area) {
       UNWIND area AS a
       WITH a WHERE a.hops > 0 AND a.held IS NOT NULL
       WITH a.place AS node, a.way AS rel, a.held AS held, a.hops AS sortKey
       ${ENTRIES} AS within
     }
     CALL (area) {
       UNWIND area AS a
       WITH a.place AS place, a.reach AS reach
       MATCH (place)<-[rel:CONTROLLED|EXPANDED_INTO]-(node:Entity)
       WITH node, rel, [${rankOf('rel')}, ${limitOf('node')}, reach] AS ranks WHERE ${keptAll('ranks')}
       WITH node, rel, ${weakestIn('ranks')} AS held, coalesce(rel.startYear, 100000) AS sortKey
       ${ENTRIES} AS controlledBy
     }
     CALL (area) {
       UNWIND area AS a
       WITH a.place AS place, a.reach AS reach
       MATCH (place)-[rel:SEPARATES|TRIPOINT_WITH|DIVIDES|RUNS_THROUGH|CROSSES]-(node:Border)
       WITH node, rel, [${rankOf('node')}, ${limitOf('rel')}, reach] AS ranks WHERE ${keptAll('ranks')}
       WITH node, rel, ${weakestIn('ranks')} AS held, 0 AS sortKey
       ${ENTRIES} AS borders
     }
     CALL (x) {
       ${TREATIES_ACTING_ON('x', { carry: 'x, ' })}
       WITH t AS node, effect AS rel, [${rankOf('t')}, reach, ${limitOf('x')}] AS ranks WHERE ${keptAll('ranks')}
       WITH node, rel, ${weakestIn('ranks')} AS held, coalesce(node.startYear, 100000) AS sortKey
       ${ENTRIES} AS treaties
     }
     CALL (area) {
       CALL (area) {
         UNWIND area AS a
         WITH a.place AS p, a.reach AS reach, a.way AS way WHERE ${POLITY}
         RETURN p, way AS rel, reach
         UNION
         UNWIND area AS a
         WITH a.place AS place, a.reach AS reach
         MATCH (place)<-[rel:CONTROLLED|EXPANDED_INTO]-(p:Entity) WHERE ${POLITY}
         RETURN p, rel, ${weakestIn(`[${limitOf('rel')}, reach]`)} AS reach
         UNION
         UNWIND area AS a
         WITH a.place AS place, a.reach AS reach
         MATCH (place)-[tie:SEPARATES|TRIPOINT_WITH|DIVIDES|RUNS_THROUGH|CROSSES]-(border:Border)-[rel:SEPARATES|TRIPOINT_WITH]->(p:Entity) WHERE ${POLITY}
         RETURN p, rel, ${weakestIn(`[${limitOf('tie')}, ${limitOf('border')}, ${limitOf('rel')}, reach]`)} AS reach
       }
       WITH p AS node, rel, [${rankOf('p')}, reach] AS ranks WHERE ${keptAll('ranks')}
       WITH node, rel, ${weakestIn('ranks')} AS held, 0 AS sortKey
       ${ENTRIES} AS polities
     }
     RETURN ${entityMap('x')} AS entity, ${rankOf('x')} AS held, within, controlledBy, borders, treaties, polities
   }
   RETURN aroundMatches, around, entity, held,
          coalesce(within, []) AS within, coalesce(controlledBy, []) AS controlledBy, coalesce(borders, []) AS borders,
          coalesce(treaties, []) AS treaties, coalesce(polities, []) AS polities`,
);
