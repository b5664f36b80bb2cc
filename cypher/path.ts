import { matchById, resolveRefClause, type RefMatchRow, type RefParams } from './entities.ts';
import { entityMap, relationMap, type SlimEnds } from './projection.ts';
import { cypher, type CypherQuery } from './query.ts';
import type { RelationRow, EntityRow } from './rows.ts';

export const MAX_HOPS = 6;
export const MAX_PATHS = 10;

export type PathRow = { readonly nodes: EntityRow[]; readonly relations: RelationRow[] };

export type PathParams = SlimEnds & { from: RefParams; to: RefParams; limit: number };

/** The paths, with what each end's reference matched and the ids it settled on (see resolveRefClause). */
export type PathsRow = {
  readonly paths: PathRow[];
  readonly fromMatches: readonly RefMatchRow[];
  readonly from: string | null;
  readonly toMatches: readonly RefMatchRow[];
  readonly to: string | null;
};

/**
 * The shortest paths between two entities, ignoring direction, both ends resolved inside the query (one round-trip).
 * A variable-length bound cannot be a parameter in Cypher, so there is one query per allowed bound, 1 to MAX_HOPS.
 * allShortestPaths refuses to join an entity to itself, hence `a <> b` (the resolver says why nothing came back).
 */
export const shortestPaths: ReadonlyMap<number, CypherQuery<PathParams, PathsRow>> = new Map(
  Array.from({ length: MAX_HOPS }, (_, index) => index + 1).map((hops) => [
    hops,
    cypher(
      `path.shortest${hops}`,
      `${resolveRefClause({ param: 'from', as: 'from' })}
       ${resolveRefClause({ param: 'to', as: 'to' }, ['fromMatches', 'from'])}
       CALL (from, to) {
         ${matchById('a', 'from')}
         ${matchById('b', 'to')} WHERE a <> b
         MATCH p = allShortestPaths((a)-[*..${hops}]-(b))
         WITH p LIMIT toInteger($limit)
         RETURN collect({
           nodes: [n IN nodes(p) | ${entityMap('n')}],
           relations: [r IN relationships(p) | ${relationMap('r', { ends: true })}]
         }) AS paths
       }
       RETURN fromMatches, from, toMatches, to, paths`,
    ),
  ]),
);
