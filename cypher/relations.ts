import { UNDATED_YEAR, type RelationProps } from '../model/codec.ts';
import type { EntityKind } from '../model/kinds.ts';
import type { RelationType } from '../model/relations.ts';
import { kept, limitOf, rankOf, weakest, type AsOfParams } from './as-of.ts';
import { matchById } from './entities.ts';
import { keysetPage, type KeysetParams, type OrderField } from './keyset.ts';
import { boundTo, everything, type Slim } from './projection.ts';
import { compact, cypher, type CypherQuery } from './query.ts';
import type { EntityRow, PageRow } from './rows.ts';

export type Direction = 'OUT' | 'IN' | 'BOTH';

export interface RelatedRow {
  readonly relation: RelationProps & { readonly type: RelationType };
  readonly node: EntityRow;
  /** Whether the parent is the relation's start: tells `from` and `to` apart when walking BOTH ways. */
  readonly outgoing: boolean;
  /** Its rank as of the date asked (see as-of.ts); absent when no date is asked. */
  readonly held?: number | null;
  /** How many steps away the entity is, in a transitive list (containment.ts); absent (one) otherwise. */
  readonly depth?: number;
}

export type RelationsPageParams = Slim & AsOfParams & KeysetParams & { ids: readonly string[]; types: readonly RelationType[] };
export type RelationsPageRow = PageRow<RelatedRow> & { readonly id: string };

/**
 * A slim item as Bolt carries it (`relatedItem`): the relation's id and type, the other entity's id, kind and name,
 * whether the parent is the start, then `held` or `depth` where the page has one. A list, not a map of maps: the
 * driver decodes every key of every map, eight per item, which cost more than the five values.
 */
type SlimRelated = readonly [string, RelationType, string, EntityKind, string, boolean, (number | null)?];
/** A page of relations as a statement returns it: slim items as lists, full ones as maps (`relatedPage` reads both). */
export type RelationsPageWire = Omit<RelationsPageRow, 'items'> & { readonly items: readonly (RelatedRow | SlimRelated)[] };

/** What the last slot of a slim item is, if the page has one. */
export type RelatedExtra = 'held' | 'depth' | undefined;

/**
 * A page's item from the relation `r` (without its ends), the entity `o` at its other end (variables both), whether
 * the parent is the start, and `extra` (`held` as of a date, `depth` in a transitive list): with `$slim`, a
 * SlimRelated list; else the full map.
 */
export function relatedItem(r: string, o: string, outgoing: string, extra?: { readonly name: 'held' | 'depth'; readonly value: string }): string {
  const slim = [`${r}.id`, `type(${r})`, `${o}.id`, `${o}.kind`, `${o}.name`, outgoing, ...(extra ? [extra.value] : [])];
  const full = `{relation: ${r} {.*, type: type(${r})}, node: ${everything(o)}, outgoing: ${outgoing}${extra ? `, ${extra.name}: ${extra.value}` : ''}}`;
  return `CASE WHEN $slim THEN [${slim.join(', ')}] ELSE ${full} END`;
}

/** A page as the resolvers read it: slim items become the rows they stand for (a slim row is typed as a full one). */
export function relatedPage<Page extends Pick<RelationsPageWire, 'items'>>(page: Page, extra: RelatedExtra): Omit<Page, 'items'> & { readonly items: readonly RelatedRow[] } {
  return { ...page, items: page.items.map((item) => (isSlim(item) ? slimRow(item, extra) : item)) };
}

function isSlim(item: RelatedRow | SlimRelated): item is SlimRelated {
  return Array.isArray(item);
}

function slimRow([relationId, type, id, kind, name, outgoing, last]: SlimRelated, extra: RelatedExtra): RelatedRow {
  // Slim: only the identities are read of these (schema/projection.ts), as of the slim maps they replace.
  const relation = { id: relationId, type } as RelatedRow['relation'];
  const node = { id, kind, name } as EntityRow;
  if (extra === 'held') return { relation, node, outgoing, held: last ?? null };
  if (extra === 'depth') return { relation, node, outgoing, depth: last ?? 1 };
  return { relation, node, outgoing };
}

const PATTERNS: Record<Direction, (types: string) => string> = {
  OUT: (types) => `(p)-[r${types}]->(o)`,
  IN: (types) => `(p)<-[r${types}]-(o)`,
  BOTH: (types) => `(p)-[r${types}]-(o)`,
};

/**
 * The values relations are listed by, for each order, from the relation `r` and the entity `o` at its other end.
 * START: the year the other entity starts, or the relation's own when the entity is undated (undated both: after
 * every dated one), then the entity's name and the relation's id; END: the same with the years they end; NAME: the
 * other entity's name and the relation's id.
 */
export const RELATION_KEYS: Record<OrderField, (r: string, o: string) => readonly string[]> = {
  START: (r, o) => [`coalesce(${o}.startYear, ${r}.startYear, ${UNDATED_YEAR})`, `${o}.name`, `${r}.id`],
  END: (r, o) => [`coalesce(${o}.endYear, ${r}.endYear, ${UNDATED_YEAR})`, `${o}.name`, `${r}.id`],
  NAME: (r, o) => [`${o}.name`, `${r}.id`],
};

/**
 * One page of the relations of many parents at once, for one set of types and one direction:
 * what a relation field costs per level of a query, however many parents that level has.
 *
 * The types of a typed field (`Treaty.parties`) are written into the pattern, so Neo4j expands only
 * those. A client's own list (`relations(types:)`) is `typesAsParameter`: passed as `$types` and
 * filtered, so that clients cannot make one statement text, and one plan, per subset of types.
 * Either way an empty list means every type, and types come from the model's allow-list.
 *
 * As of a date (see as-of.ts), the relation is the fact; the two entities it joins limit it. That takes a
 * statement of its own (`asOf`), so that the questions without a date, most of them, send and run no more
 * than they need.
 */
export function relationsPage(shape: RelationsPageShape): CypherQuery<RelationsPageParams, RelationsPageWire> {
  const name = relationsPageName(shape);
  let statement = pageStatements.get(name);
  if (!statement) {
    statement = cypher(name, `UNWIND $ids AS id ${relationsPageBody(shape)}`);
    pageStatements.set(name, statement);
  }
  return statement;
}

/**
 * Each statement made once (compacting a text costs milliseconds, and loaders ask per batch): the name says
 * everything the text depends on, and there are as many as the schema's relation fields allow, times orders and dates.
 */
const pageStatements = new Map<string, CypherQuery<RelationsPageParams, RelationsPageWire>>();

/** The columns of a page of relations, one row per parent. */
export const PAGE_COLUMNS = ['id', 'total', 'hasPrevious', 'hasNext', 'items', 'keys'] as const;

/** What decides the text of a page of relations: everything else is a parameter. */
export interface RelationsPageShape {
  readonly types: readonly RelationType[];
  readonly direction: Direction;
  readonly typesAsParameter: boolean;
  readonly asOf: boolean;
  readonly order: OrderField;
}

/** `:A|B`, the relation types in a fixed order, for a pattern and a statement's name alike; none, any type. */
function typeLabels(types: readonly RelationType[]): string {
  const sorted = [...new Set(types)].sort();
  return sorted.length > 0 ? `:${sorted.join('|')}` : '';
}

export function relationsPageName({ types, direction, typesAsParameter, asOf, order }: RelationsPageShape): string {
  const typePattern = typesAsParameter ? ', $types' : typeLabels(types);
  return `relations.page${asOf ? 'AsOf' : ''}${order === 'START' ? '' : `By${order}`}(${direction}${typePattern})`;
}

/**
 * relationsPage from the parent's id on: the page of relations of the entity whose id is bound to `id`, returned
 * as the row `id, total, hasPrevious, hasNext, items, keys` (or as `returning` says, from those variables). A
 * statement that finds its parents' ids another way (cypher/planned-pages.ts) continues with this.
 */
export function relationsPageBody({ types, direction, typesAsParameter, asOf, order }: RelationsPageShape, returning = PAGE_COLUMNS.join(', ')): string {
  const typePattern = typesAsParameter ? '' : typeLabels(types);
  const typeFilter = typesAsParameter ? 'WHERE size($types) = 0 OR type(r) IN $types' : '';
  const ranked = asOf
    ? `WITH r, o, ${rankOf('r')} AS fact, ${limitOf('o')} AS toEnd, ${limitOf('p')} AS toParent
         WITH r, o, ${weakest(['fact', 'toEnd', 'toParent'])} AS held WHERE ${kept(['fact', 'toEnd', 'toParent'])}`
    : '';
  // An entry is the relation, with its rank as of a date; the entity at its other end is found again for the page only.
  const rel = (entry: string) => (asOf ? `${entry}[0]` : entry);
  const item = (o: string) => {
    const made = (r: string) => relatedItem(r, o, `startNode(${r}) = p`, asOf ? { name: 'held', value: 'entry[1]' } : undefined);
    return asOf ? boundTo(rel('entry'), made, 'r') : made('entry');
  };
  const other = (entry: string) => `CASE WHEN startNode(${rel(entry)}) = p THEN endNode(${rel(entry)}) ELSE startNode(${rel(entry)}) END`;
  return compact(`${matchById('p', 'id')}
       CALL (p) {
         MATCH ${PATTERNS[direction](typePattern)} ${typeFilter}
         ${ranked}
         WITH r, o${asOf ? ', held' : ''} ORDER BY ${RELATION_KEYS[order]('r', 'o').join(', ')}
         // Count everything, but read properties only for the page returned.
         WITH collect(${asOf ? '[r, held]' : 'r'}) AS matched
         ${keysetPage(
           'matched',
           (entry) => boundTo(other(entry), (o) => `[${RELATION_KEYS[order](rel(entry), o).join(', ')}]`, 'o'),
           boundTo(other('entry'), item, 'o'),
         )}
       }
       RETURN ${returning}`);
}
