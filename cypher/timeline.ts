import { cypher } from './query.ts';
import { resolveRefClause, type RefMatchRow, type RefParams } from './entities.ts';
import { boundTo, entityMap, relationMap, type Slim } from './projection.ts';
import type { EntityRow, PageRow, RelationRow } from './rows.ts';

export type TimelineRow = { readonly year: number; readonly entity: EntityRow | null; readonly relation: RelationRow | null };

export type TimelineParams = Slim & { from: number | null; to: number | null; involving: RefParams | null; offset: number; first: number };

/** A page of the timeline, with what `involving` matched and the id it settled on (see resolveRefClause). */
export type TimelinePageRow = PageRow<TimelineRow> & { readonly involvingMatches: readonly RefMatchRow[]; readonly involving: string | null };

const IN_RANGE = (x: string) => `${x}.startYear IS NOT NULL
  AND ($from IS NULL OR coalesce(${x}.endYear, ${x}.startYear) >= $from)
  AND ($to IS NULL OR ${x}.startYear <= $to)`;

/**
 * Dated entities and dated relations in one sequence. With `involving` (resolved inside the query: one round-trip):
 * the entity itself, its dated relations, and the dated entities it is directly related to. The whole-graph
 * branches test `$involving` in a WITH before their MATCH, so that Neo4j skips them when it is given; tested in the
 * MATCH's WHERE, they read every dated entity and every relation first, then drop them. A reference that settles
 * on no entity matches nothing (the resolver says why).
 */
export const timelinePage = cypher<TimelineParams, TimelinePageRow>(
  'timeline.page',
  `${resolveRefClause({ param: 'involving', as: 'involving' })}
   OPTIONAL CALL (involving) {
     WITH 1 AS everything WHERE $involving IS NULL
     MATCH (e:Entity) WHERE ${IN_RANGE('e')}
     RETURN e.startYear AS year, e AS entity, null AS r
     UNION
     WITH 1 AS everything WHERE $involving IS NULL
     MATCH ()-[r]->() WHERE ${IN_RANGE('r')}
     RETURN r.startYear AS year, null AS entity, r
     UNION
     MATCH (e:Entity {id: involving}) WHERE ${IN_RANGE('e')}
     RETURN e.startYear AS year, e AS entity, null AS r
     UNION
     MATCH (:Entity {id: involving})-[r]-(e:Entity) WHERE ${IN_RANGE('e')}
     RETURN e.startYear AS year, e AS entity, null AS r
     UNION
     MATCH (:Entity {id: involving})-[r]-() WHERE ${IN_RANGE('r')}
     RETURN r.startYear AS year, null AS entity, r
   }
   WITH involvingMatches, involving, year, entity, r
   ORDER BY year, CASE WHEN entity IS NULL THEN 1 ELSE 0 END, coalesce(entity.name, r.id)
   // OPTIONAL CALL keeps the row of matches when nothing is dated: that row has no year and is not collected.
   WITH involvingMatches, involving, collect(CASE WHEN year IS NOT NULL THEN [year, entity, r] END) AS matched
   RETURN involvingMatches, involving, size(matched) AS total, [entry IN matched[$offset..($offset + $first)] | {
     year: entry[0],
     entity: ${boundTo('entry[1]', entityMap)},
     relation: ${boundTo('entry[2]', (rel) => relationMap(rel, { ends: true }))}
   }] AS items`,
);
