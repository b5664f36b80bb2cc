import { cypher } from './query.ts';
import { matchById, resolveRefClause, type RefMatchRow, type RefParams } from './entities.ts';
import { keysetPage, statementPerOrder, type KeysetParams, type OrderField } from './keyset.ts';
import { boundTo, entityMap, relationMap, type SlimEnds } from './projection.ts';
import type { EntityRow, PageRow, RelationRow } from './rows.ts';

export type TimelineRow = { readonly year: number; readonly entity: EntityRow | null; readonly relation: RelationRow | null };

type Window = SlimEnds & KeysetParams & { from: number | null; to: number | null };

const IN_RANGE = (x: string) => `${x}.startYear IS NOT NULL
  AND ($from IS NULL OR coalesce(${x}.endYear, ${x}.startYear) >= $from)
  AND ($to IS NULL OR ${x}.startYear <= $to)`;

/** The parts of a timeline row: its start year, and the entity or the relation it is (the other is null). */
type Parts = { readonly year: string; readonly entity: string; readonly r: string };

/**
 * The values timeline rows are listed by, for each order. START: the year it starts, entities before relations,
 * then the entity's name (a relation's id) and id; END: the same from the year it ends (a span stored without an
 * end ends in the year it starts); NAME: name and id. Every row is dated, so no order has undated rows to place.
 */
const TIMELINE_KEYS: Record<OrderField, (parts: Parts) => readonly string[]> = {
  START: ({ year, entity, r }) => [year, `CASE WHEN ${entity} IS NULL THEN 1 ELSE 0 END`, `coalesce(${entity}.name, ${r}.id)`, `coalesce(${entity}.id, ${r}.id)`],
  END: ({ year, entity, r }) => [
    `coalesce(${entity}.endYear, ${r}.endYear, ${year})`,
    `CASE WHEN ${entity} IS NULL THEN 1 ELSE 0 END`,
    `coalesce(${entity}.name, ${r}.id)`,
    `coalesce(${entity}.id, ${r}.id)`,
  ],
  NAME: ({ entity, r }) => [`coalesce(${entity}.name, ${r}.id)`, `coalesce(${entity}.id, ${r}.id)`],
};

/**
 * Both timelines end alike: the rows (year, entity, r) in the order asked, counted, and one page of them projected.
 * `carry` names what passes through untouched. Rows without a year (none matched) are not collected.
 */
const PAGE = (carry: string, order: OrderField) => `
   WITH ${carry}year, entity, r ORDER BY ${TIMELINE_KEYS[order]({ year: 'year', entity: 'entity', r: 'r' }).join(', ')}
   WITH ${carry}collect(CASE WHEN year IS NOT NULL THEN [year, entity, r] END) AS matched
   ${keysetPage(
     'matched',
     (entry) => `[${TIMELINE_KEYS[order]({ year: `${entry}[0]`, entity: `${entry}[1]`, r: `${entry}[2]` }).join(', ')}]`,
     `{year: entry[0], entity: ${boundTo('entry[1]', entityMap)}, relation: ${boundTo('entry[2]', (rel) => relationMap(rel, { ends: true }))}}`,
     carry,
   )}`;

/** `timeline.page` (by start, the default), `timeline.pageByEND`…: the statement name for an order. */
const named = (name: string, order: OrderField) => `${name}${order === 'START' ? '' : `By${order}`}`;

/** Every dated entity and dated relation of the graph, in one sequence. */
export const timelinePages = statementPerOrder((order) =>
  cypher<Window, PageRow<TimelineRow>>(
  named('timeline.page', order),
  `CALL () {
     MATCH (e:Entity) WHERE ${IN_RANGE('e')}
     RETURN e.startYear AS year, e AS entity, null AS r
     UNION
     // A staged load's relations join Staged nodes, not entities, until it is published (services/ingest/staged-load.ts).
     MATCH (a)-[r]->() WHERE ${IN_RANGE('r')} AND NOT a:Staged
     RETURN r.startYear AS year, null AS entity, r
   }
   ${PAGE('', order)}`,
  ),
);

/** A page of the timeline around an entity, with what `involving` matched and the id it settled on (see resolveRefClause). */
export type TimelineAroundRow = PageRow<TimelineRow> & { readonly involvingMatches: readonly RefMatchRow[]; readonly involving: string | null };

/**
 * The timeline around one entity, resolved inside the query (one round-trip): the entity itself, its dated
 * relations, and the dated entities it is directly related to. A reference that settles on no entity matches
 * nothing (the resolver says why).
 */
export const timelineAroundPages = statementPerOrder((order) =>
  cypher<Window & { involving: RefParams }, TimelineAroundRow>(
  named('timeline.around', order),
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
   ${PAGE('involvingMatches, involving, ', order)}`,
  ),
);
