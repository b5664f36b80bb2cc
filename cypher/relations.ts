import type { RelationProps } from '../model/codec.ts';
import type { RelationType } from '../model/relations.ts';
import { matchById } from './entities.ts';
import { boundTo, entityMap, relationMap, type Slim } from './projection.ts';
import { cypher, type CypherQuery } from './query.ts';
import type { EntityRow, PageRow } from './rows.ts';

export type Direction = 'OUT' | 'IN' | 'BOTH';

export interface RelatedRow {
  readonly relation: RelationProps & { readonly type: RelationType };
  readonly node: EntityRow;
  /** Whether the parent is the relation's start: tells `from` and `to` apart when walking BOTH ways. */
  readonly outgoing: boolean;
}

export type RelationsPageParams = Slim & { ids: readonly string[]; offset: number; first: number; types: readonly RelationType[] };
export type RelationsPageRow = PageRow<RelatedRow> & { readonly id: string };

const PATTERNS: Record<Direction, (types: string) => string> = {
  OUT: (types) => `(p)-[r${types}]->(o)`,
  IN: (types) => `(p)<-[r${types}]-(o)`,
  BOTH: (types) => `(p)-[r${types}]-(o)`,
};

/**
 * One page of the relations of many parents at once, for one set of types and one direction:
 * what a relation field costs per level of a query, however many parents that level has.
 *
 * The types of a typed field (`Treaty.parties`) are written into the pattern, so Neo4j expands only
 * those. A client's own list (`relations(types:)`) is `typesAsParameter`: passed as `$types` and
 * filtered, so that clients cannot make one statement text, and one plan, per subset of types.
 * Either way an empty list means every type, and types come from the model's allow-list.
 */
export function relationsPage(
  types: readonly RelationType[],
  direction: Direction,
  typesAsParameter = false,
): CypherQuery<RelationsPageParams, RelationsPageRow> {
  const sorted = [...new Set(types)].sort();
  const typePattern = !typesAsParameter && sorted.length > 0 ? `:${sorted.join('|')}` : '';
  const typeFilter = typesAsParameter ? 'WHERE size($types) = 0 OR type(r) IN $types' : '';
  return cypher(
      `relations.page(${direction}${typesAsParameter ? ', $types' : typePattern})`,
      `UNWIND $ids AS id
       ${matchById('p', 'id')}
       CALL (p) {
         MATCH ${PATTERNS[direction](typePattern)} ${typeFilter}
         WITH r, o ORDER BY coalesce(o.startYear, r.startYear, 100000), o.name, r.id
         // Count everything, but read properties only for the page returned.
         WITH collect(r) AS matched
         RETURN size(matched) AS total,
                [rel IN matched[$offset..($offset + $first)] |
                  {relation: ${relationMap('rel', { ends: false })}, node: ${boundTo('CASE WHEN startNode(rel) = p THEN endNode(rel) ELSE startNode(rel) END', entityMap)}, outgoing: startNode(rel) = p}] AS items
       }
       RETURN id, total, items`,
  );
}
