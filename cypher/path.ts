import { kept, limitOf, rankOf, weakestIn, type AsOfParams } from './as-of.ts';
import type { EntityKind } from '../model/kinds.ts';
import type { RelationType } from '../model/relations.ts';
import { matchById, resolveRefClause, resolveRefsClause, type RefMatchRow, type RefParams } from './entities.ts';
import { entityMap, relationMap, type SlimEnds } from './projection.ts';
import { cypher, type CypherQuery } from './query.ts';
import type { RelationRow, EntityRow } from './rows.ts';

export const MAX_HOPS = 6;
export const MAX_PATHS = 10;

/** A path, and its rank as of the date asked (see as-of.ts; null when no date is asked). */
export type PathRow = { readonly nodes: EntityRow[]; readonly relations: RelationRow[]; readonly held: number | null };

/**
 * `types`: the relation types a path may follow (empty: any); `kinds`: the kinds of entity it may pass through
 * between its ends (empty: any); `avoid`: entities it must not pass through, resolved inside the query as its ends are.
 */
export type PathParams = SlimEnds &
  AsOfParams & { from: RefParams; to: RefParams; limit: number; types: readonly RelationType[]; kinds: readonly EntityKind[]; avoid: readonly RefParams[] };

/** The paths, with what each end's reference matched and the ids it settled on (see resolveRefClause). */
export type PathsRow = {
  readonly paths: PathRow[];
  /** What each `avoid` reference matched, and the id each settled on (null when it did not settle on one). */
  readonly avoidMatches: readonly (readonly RefMatchRow[])[];
  readonly avoid: readonly (string | null)[];
  readonly fromMatches: readonly RefMatchRow[];
  readonly from: string | null;
  readonly toMatches: readonly RefMatchRow[];
  readonly to: string | null;
};

/**
 * The shortest paths between two entities, ignoring direction, both ends resolved inside the query (one round-trip).
 * A variable-length bound cannot be a parameter in Cypher, so there is one query per allowed bound, 1 to MAX_HOPS.
 * allShortestPaths refuses to join an entity to itself, hence `a <> b` (the resolver says why nothing came back).
 * As of a date (see as-of.ts), every relation on the way is a fact and every entity a limit; the condition is on
 * each of them, so Neo4j tests it while it searches rather than on the paths it found. So are the steering
 * conditions: the types a path may follow, the kinds it may pass through and the entities it must avoid, given as
 * parameters (empty lists: no condition), so that they cost no statement of their own.
 */
function shortestPathStatements(asOf: boolean): ReadonlyMap<number, CypherQuery<PathParams, PathsRow>> {
  const heldThen = asOf ? `AND all(r IN relationships(p) WHERE ${kept([rankOf('r')])}) AND all(n IN nodes(p) WHERE ${kept([limitOf('n')])})` : '';
  const held = asOf ? weakestIn(`[r IN relationships(p) | ${rankOf('r')}] + [n IN nodes(p) | ${limitOf('n')}]`) : 'null';
  return new Map(
    Array.from({ length: MAX_HOPS }, (_, index) => index + 1).map((hops) => [
      hops,
      cypher(
        `path.shortest${asOf ? 'AsOf' : ''}${hops}`,
        `${resolveRefClause({ param: 'from', as: 'from' })}
         ${resolveRefClause({ param: 'to', as: 'to' }, ['fromMatches', 'from'])}
         ${resolveRefsClause({ param: 'avoid', as: 'avoid' }, ['fromMatches', 'from', 'toMatches', 'to'])}
         CALL (from, to, avoid) {
           ${matchById('a', 'from')}
           ${matchById('b', 'to')} WHERE a <> b
           MATCH p = allShortestPaths((a)-[*..${hops}]-(b))
           WHERE all(r IN relationships(p) WHERE size($types) = 0 OR type(r) IN $types)
             AND all(n IN nodes(p)[1..-1] WHERE (size($kinds) = 0 OR n.kind IN $kinds) AND NOT n.id IN avoid)
           ${heldThen}
           WITH p LIMIT toInteger($limit)
           RETURN collect({
             nodes: [n IN nodes(p) | ${entityMap('n')}],
             relations: [r IN relationships(p) | ${relationMap('r', { ends: true })}],
             held: ${held}
           }) AS paths
         }
         RETURN fromMatches, from, toMatches, to, avoidMatches, avoid, paths`,
      ),
    ]),
  );
}

export const shortestPaths = shortestPathStatements(false);
/** The same as of a date: a statement of its own, so that paths without a date test nothing more as they search. */
export const shortestPathsAsOf = shortestPathStatements(true);
