import { cypher } from './query.ts';
import { matchById, resolveRefClause, type RefMatchRow, type RefParams } from './entities.ts';
import { keysetPage, type KeysetParams } from './keyset.ts';
import { boundTo, entityMap, relationMap, type SlimEnds } from './projection.ts';
import type { EntityRow, PageRow, RelationRow } from './rows.ts';

export type TimelineRow = { readonly year: number; readonly entity: EntityRow | null; readonly relation: RelationRow | null };

type Window = SlimEnds & KeysetParams & { from: number | null; to: number | null };

const IN_RANGE = (x: string) => `${x}.startYear IS NOT NULL
  AND ($from IS NULL OR coalesce(${x}.endYear, ${x}.startYear) >= $from)
  AND ($to IS NULL OR ${x}.startYear <= $to)`;

/**
 * Both timelines end alike: the rows (year, entity, r) in order, counted, and one page of them projected.
 * `carry` names what passes through untouched. Rows without a year (none matched) are not collected. The
 * order is by year, entities before relations, then by name (a relation's id) and id: the keyset.
 */
const PAGE = (carry: string) => `
   WITH ${carry}year, entity, r ORDER BY year, CASE WHEN entity IS NULL THEN 1 ELSE 0 END, coalesce(entity.name, r.id), coalesce(entity.id, r.id)
   WITH ${carry}collect(CASE WHEN year IS NOT NULL THEN [year, entity, r] END) AS matched
   ${keysetPage(
     'matched',
     (entry) => `[${entry}[0], CASE WHEN ${entry}[1] IS NULL THEN 1 ELSE 0 END, coalesce(${entry}[1].name, ${entry}[2].id), coalesce(${entry}[1].id, ${entry}[2].id)]`,
     `year: entry[0], entity: ${boundTo('entry[1]', entityMap)}, relation: ${boundTo('entry[2]', (rel) => relationMap(rel, { ends: true }))}`,
     carry,
   )}`;

/** Every dated entity and dated relation of the graph, in one sequence. */
export const timelinePage = cypher<Window, PageRow<TimelineRow>>(
  'timeline.page',
  `CALL () {
     MATCH (e:Entity) WHERE ${IN_RANGE('e')}
     RETURN e.startYear AS year, e AS entity, null AS r
     UNION
     // A staged load's relations join Staged nodes, not entities, until it is published (services/ingest/staged-load.ts).
     MATCH (a)-[r]->() WHERE ${IN_RANGE('r')} AND NOT a:Staged
     RETURN r.startYear AS year, null AS entity, r
   }
   ${PAGE('')}`,
);

/** A page of the timeline around an entity, with what `involving` matched and the id it settled on (see resolveRefClause). */
export type TimelineAroundRow = PageRow<TimelineRow> & { readonly involvingMatches: readonly RefMatchRow[]; readonly involving: string | null };

/**
 * The timeline around one entity, resolved inside the query (one round-trip): the entity itself, its dated
 * relations, and the dated entities it is directly related to. A reference that settles on no entity matches
 * nothing (the resolver says why).
 */
export const timelineAroundPage = cypher<Window & { involving: RefParams }, TimelineAroundRow>(
  'timeline.around',
  `${resolveRefClause({ param: 'involving', as: 'involving' })}
   OPTIONAL CALL (involving) {
     ${matchById('e', 'involving')} WHERE ${IN_RANGE('e')}
     RETURN e.startYear AS year, e AS entity, null AS r
     UNION
     ${matchById('x', 'involving')}
     MATCH (x)-[r]-(e:Entity) WHERE ${IN_RANGE('e')}
     RETURN e.startYear AS year, e AS entity, null AS r
     UNION
     ${matchById('x', 'involving')}
     MATCH (x)-[r]-() WHERE ${IN_RANGE('r')}
     RETURN r.startYear AS year, null AS entity, r
   }
   ${PAGE('involvingMatches, involving, ')}`,
);
