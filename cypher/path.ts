import { cypher, type CypherQuery } from './query.ts';
import type { RelationRow, EntityRow } from './rows.ts';

export const MAX_HOPS = 6;
export const MAX_PATHS = 10;

export type PathRow = { readonly nodes: EntityRow[]; readonly relations: RelationRow[] };

/**
 * The shortest paths between two entities, ignoring direction. A variable-length bound cannot be
 * a parameter in Cypher, so there is one query per allowed bound, 1 to MAX_HOPS.
 */
export const shortestPaths: ReadonlyMap<number, CypherQuery<{ from: string; to: string; limit: number }, PathRow>> = new Map(
  Array.from({ length: MAX_HOPS }, (_, index) => index + 1).map((hops) => [
    hops,
    cypher(
      `path.shortest${hops}`,
      `MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
       MATCH p = allShortestPaths((a)-[*..${hops}]-(b))
       WITH p LIMIT toInteger($limit)
       RETURN [n IN nodes(p) | n {.*}] AS nodes,
              [r IN relationships(p) | r {.*, type: type(r), from: properties(startNode(r)), to: properties(endNode(r))}] AS relations`,
    ),
  ]),
);
