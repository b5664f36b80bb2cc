import { UNDATED_YEAR } from '../model/codec.ts';
import { ENTITY_KINDS, type EntityKind } from '../model/kinds.ts';
import { kept, mayHold, rankOf, type AsOfParams } from './as-of.ts';
import { keysetPage, statementPerOrder, type KeysetParams, type OrderField } from './keyset.ts';
import { namePhraseQuery } from './lucene.ts';
import { boundTo, entityMap, type Slim } from './projection.ts';
import { cypher, type CypherQuery } from './query.ts';
import type { CursorKey, EntityItem, EntityRow, PageRow } from './rows.ts';

/** Reads of entities: by id (batched), by name or alias, by kind, and near names for NOT_FOUND. */

/**
 * `MATCH` of the entity with the id `id` (an expression) as `variable`, by a seek in the id index. Neo4j's
 * planner is cost-based: on a small or freshly loaded graph it scanned the index and joined instead, a plan
 * that grows with the data, and a plain USING INDEX was met with a scan too. USING INDEX SEEK keeps every
 * query that starts from an id a seek at any size (tests/integration/plans.test.ts).
 */
export function matchById(variable: string, id: string): string {
  return `MATCH (${variable}:Entity {id: ${id}}) USING INDEX SEEK ${variable}:Entity(id)`;
}

export const entitiesById = cypher<{ ids: readonly string[] }, { entity: EntityRow }>(
  'entities.byId',
  // A document's full text stays in Neo4j: only `Source.text` (cypher/source-texts.ts) and curation's quote check read it.
  `UNWIND $ids AS id
   ${matchById('e', 'id')}
   RETURN e {.*, text: null} AS entity`,
);

/** A reference as a person typed it (an id, a name or an alias, any case), ready for REF_MATCHES. */
export type RefParams = { readonly ref: string; readonly lower: string; readonly phrase: string };

export function refParams(ref: string): RefParams {
  return { ref, lower: ref.toLowerCase(), phrase: namePhraseQuery(ref) };
}

export type RefMatchRow = { readonly id: string; readonly name: string; readonly kind: EntityKind; readonly byId: boolean };

/**
 * What the reference `r` (RefParams) matches, as rows of `e` and `byId`: the entity with that id,
 * or else (never both) those with that name or alias. Names go through the full-text index (a phrase query, then an
 * exact comparison) so resolution stays an index lookup at any size. Shared by every query that
 * resolves a reference itself, so all of them agree on what a name means.
 */
export const REF_MATCHES = `
     ${matchById('e', 'r.ref')}
     RETURN e, true AS byId
     UNION ALL
     // Only when no id matches: an id answers alone, and skipping Lucene halves the lookup. The two
     // branches never both answer, so there is nothing for a plain UNION to remove: ALL skips its distinct.
     WITH r WHERE NOT EXISTS { ${matchById('known', 'r.ref')} }
     CALL db.index.fulltext.queryNodes('entity_text', r.phrase, {limit: 50}) YIELD node AS e
     WITH e, r WHERE toLower(e.name) = r.lower OR any(alias IN e.aliases WHERE toLower(alias) = r.lower)
     RETURN e, false AS byId`;

/** How a query that resolves references itself (resolveRefClause, resolveRefsClause) names its parameter and results. */
export interface InlineRef {
  /** The name of the parameter: RefParams or null (resolveRefClause); a list of RefParams, maybe empty (resolveRefsClause). */
  readonly param: string;
  /** The variable bound to what it settled on (an id or null; for a list, a list of them); `<as>Matches` holds what it matched. */
  readonly as: string;
  /** A parameter listing the kinds the id may be; a match of another kind settles on nothing. */
  readonly kindsParam?: string;
}

/** What the reference `r` matches, collected (`... AS name` follows); none when `r` is not there. */
const MATCHES_OF_R = `CALL (r) { ${REF_MATCHES} }
     RETURN collect({id: e.id, name: e.name, kind: e.kind, byId: byId})`;

const keepAll = (carry: readonly string[]) => carry.map((name) => `${name}, `).join('');

/** The one id a list of matches settles on: when it is one entity, of an allowed kind if kinds are given. */
const settledOn = (matches: string, kindsParam: string | undefined) =>
  `CASE WHEN size(${matches}) = 1${kindsParam ? ` AND ${matches}[0].kind IN $${kindsParam}` : ''} THEN ${matches}[0].id END`;

/**
 * Resolves a reference inside a larger query, saving the round-trip of a separate lookup: binds
 * `<as>Matches` (RefMatchRow[]: the id match if there is one, else every name or alias match, as
 * REF_MATCHES gives them) and `<as>` (the id when that is exactly one entity of an allowed kind, else
 * null), keeping `carry`. The resolver checks `<as>Matches` and gives resolveRef's precise error when
 * it is not one entity.
 */
export function resolveRefClause({ param, as, kindsParam }: InlineRef, carry: readonly string[] = []): string {
  return `CALL () {
     WITH $${param} AS r WHERE r IS NOT NULL
     ${MATCHES_OF_R} AS ${as}Matches
   }
   WITH ${keepAll(carry)}${as}Matches, ${settledOn(`${as}Matches`, kindsParam)} AS ${as}`;
}

/**
 * resolveRefClause for a list parameter (RefParams[]): binds `<as>Matches`, one RefMatchRow[] per
 * reference in order, and `<as>`, the list of ids they settled on (null for each that did not).
 */
export function resolveRefsClause({ param, as, kindsParam }: InlineRef, carry: readonly string[] = []): string {
  return `CALL () {
     UNWIND range(0, size($${param}) - 1) AS i
     CALL (i) {
       WITH $${param}[i] AS r
       ${MATCHES_OF_R} AS matches
     }
     WITH i, matches ORDER BY i
     RETURN collect(matches) AS ${as}Matches
   }
   WITH ${keepAll(carry)}${as}Matches, [matches IN ${as}Matches | ${settledOn('matches', kindsParam)}] AS ${as}`;
}

export const entitiesByRef = cypher<{ refs: readonly RefParams[] }, { ref: string; matches: RefMatchRow[] }>(
  'entities.byRef',
  `UNWIND $refs AS r
   CALL (r) { ${REF_MATCHES} }
   WITH r, e, byId ORDER BY byId DESC, e.name
   RETURN r.ref AS ref, collect({id: e.id, name: e.name, kind: e.kind, byId: byId}) AS matches`,
);

export const nearestNames = cypher<{ query: string; limit: number }, { name: string; id: string; kind: EntityKind }>(
  'entities.nearestNames',
  `CALL db.index.fulltext.queryNodes('entity_text', $query, {limit: $limit}) YIELD node, score
   RETURN node.name AS name, node.id AS id, node.kind AS kind`,
);

const PAGE_LABELS = ['Entity', ...ENTITY_KINDS] as const;
type PageLabel = (typeof PAGE_LABELS)[number];

/** A page of entities of the kinds `$kinds` (none: all), in the order asked (see keyset.ts). */
export type EntitiesPageParams = Slim & KeysetParams & { kinds: readonly EntityKind[] };

/**
 * A page by name, read from an index in the direction of reading, from the cursor the page starts at: `$from`
 * (the list's `after`, or when paging backwards its `before`) up to `$to` (the other cursor).
 */
export type EntitiesByNameParams = Slim & KeysetParams & { kinds: readonly EntityKind[]; from: CursorKey | null; to: CursorKey | null };

/** A page by year reads as one by name does; `kinds` are never empty (every kind, for all). */
export type EntitiesByYearParams = EntitiesByNameParams;

/** The stored key of each year an entity is listed by: the year, or UNDATED_YEAR (model/codec.ts SORT_KEYS). */
const YEAR_KEYS = { START: 'startOrder', END: 'endOrder' } as const;

/** The values entities are listed by, for each order: a year (undated after every dated one), name, id; or name, id. */
const ENTITY_KEYS: Record<OrderField, (e: string) => readonly string[]> = {
  NAME: (e) => [`${e}.name`, `${e}.id`],
  START: (e) => [`${e}.${YEAR_KEYS.START}`, `${e}.name`, `${e}.id`],
  END: (e) => [`${e}.${YEAR_KEYS.END}`, `${e}.name`, `${e}.id`],
};
const keyList = (keys: readonly string[]) => `[${keys.join(', ')}]`;

/**
 * What a page statement reads: one label (`Entity` for every kind), or `kinds`: one branch per label, each taken
 * only when `$kinds` asks for it. Labels cannot be parameters, and a statement per set of kinds would fill Neo4j's
 * plan cache; the condition stands in a WITH before the MATCH, so a branch not asked for matches nothing. The
 * branches cost planning time and a longer text, so one kind, or all, gets a statement of its own.
 */
type Labels = PageLabel | 'kinds';

function branches(labels: Labels, branch: (label: PageLabel) => string): string {
  if (labels !== 'kinds') return branch(labels);
  return ENTITY_KINDS.map(
    (label) => `WITH '${label}' IN $kinds AS wanted WHERE wanted
     ${branch(label)}`,
  ).join(`
     UNION ALL
     `);
}

/** One statement per label, and one for several kinds, named `<name><Label>` and `<name>Kinds`. */
function byLabels<P extends Record<string, unknown>, R>(name: string, text: (labels: Labels) => string): ReadonlyMap<Labels, CypherQuery<P, R>> {
  return new Map([...PAGE_LABELS, 'kinds' as const].map((labels) => [labels, cypher<P, R>(`${name}${labels === 'kinds' ? 'Kinds' : labels}`, text(labels))]));
}

/** The statement of a map made by byLabels for the kinds asked (none: all). */
export function forKinds<P extends Record<string, unknown>, R>(statements: ReadonlyMap<Labels, CypherQuery<P, R>>, kinds: readonly EntityKind[]): CypherQuery<P, R> {
  const statement = statements.get(kinds.length === 0 ? 'Entity' : kinds.length === 1 ? (kinds[0] ?? 'Entity') : 'kinds');
  if (!statement) throw new Error(`no page statement for kinds ${kinds.join(', ')}`);
  return statement;
}

/**
 * How a page by name reads each label's (name, id) index (migration 004): up (ascending) from `$from`, or down
 * (descending) from `$from` or from the top when there is none. Every entity has a name and an id, so the
 * IS NOT NULL tests keep them all; with the name bounded they make the read a seek (a range), and Neo4j reads the
 * index in order from there. Down from the top the bound is `>= ''`, read backwards. `past` tells whether anything
 * sorts at or before `$from` in the same direction: what lies before the page (nothing, from the top).
 */
const READS = {
  up: {
    seek: (e: string) => `${e}.name >= coalesce($from[0], '') AND (${e}.name > coalesce($from[0], '') OR ${e}.id > coalesce($from[1], '')) AND ${e}.id IS NOT NULL`,
    sort: '',
    within: '<',
    past: (e: string) => `${e}.name <= $from[0] AND (${e}.name < $from[0] OR ${e}.id <= $from[1]) AND ${e}.id IS NOT NULL`,
  },
  down: {
    seek: (e: string) => `${e}.name <= $from[0] AND (${e}.name < $from[0] OR ${e}.id < $from[1]) AND ${e}.id IS NOT NULL`,
    sort: ' DESC',
    within: '>',
    past: (e: string) => `${e}.name >= $from[0] AND (${e}.name > $from[0] OR ${e}.id >= $from[1]) AND ${e}.id IS NOT NULL`,
  },
  downFromTop: {
    seek: (e: string) => `${e}.name >= '' AND ${e}.id IS NOT NULL`,
    sort: ' DESC',
    within: '>',
    past: null,
  },
} as const;
export type NameRead = keyof typeof READS;

/**
 * How a page read from an index ends, whichever index: `read` (a subquery body) gives the entities `e` from the
 * cursor `$from` on, in the order of reading, `$first` + 1 at most (the extra one says whether more follow); those
 * at or beyond `$to` are dropped (and say that more follow). A page read against the list's order for a client
 * paging up the list (`$backward`) is turned round, and what lies before and after it swap. `past` (a subquery
 * body, or null when reading from the top) gives an entity if anything sorts at or before `$from` in the same
 * direction: what lies before the page. `total` must be bound.
 */
interface IndexRead {
  readonly read: string;
  readonly past: string | null;
  /** The ORDER BY of reading, over `e`. */
  readonly order: string;
  /** The entity's key, as its cursor holds it. */
  readonly key: (e: string) => string;
  /** How a key within the page compares with `$to`. */
  readonly within: '<' | '>';
}

function pageFromIndex({ read, past, order, key, within }: IndexRead): string {
  return `// OPTIONAL: a page beyond the last entity is empty, and the total still stands.
   OPTIONAL CALL () {
     ${read}
   }
   WITH total, e ORDER BY ${order} LIMIT toInteger($first) + 1
   WITH total, collect(e) AS read
   WITH total, read, [e IN read WHERE $to IS NULL OR ${key('e')} ${within} $to][0..$first] AS page
   ${
     past === null
       ? 'WITH total, read, page, false AS past'
       : `CALL () {
     WITH $from IS NOT NULL AS paging WHERE paging
     CALL () {
       ${past}
     }
     RETURN count(e) > 0 AS past
   }
   WITH total, read, page, coalesce(past, false) AS past`
   }
   WITH total, past, size(read) > size(page) AS more, CASE WHEN $backward THEN reverse(page) ELSE page END AS page
   RETURN total, CASE WHEN $backward THEN more ELSE past END AS hasPrevious, CASE WHEN $backward THEN past ELSE more END AS hasNext,
          [e IN page | {node: ${entityMap('e')}}] AS items, CASE WHEN $cursors THEN [e IN page | ${key('e')}] END AS keys`;
}

/** The total of the labels asked, from Neo4j's count store, label by label, bound as `total`. */
function totalOf(labels: Labels): string {
  return `CALL () {
     ${branches(labels, (label) => `CALL () { MATCH (e:${label}) RETURN count(e) AS count } RETURN count`)}
   }
   WITH sum(count) AS total`;
}

/**
 * A page of entities by name. Each label's index is read in order from the cursor instead of sorting every entity
 * of the kind (see pageFromIndex). A fresh or small graph's statistics made Neo4j scan the label instead (the plans
 * test saw it), hence USING INDEX SEEK.
 */
function entitiesByName(read: NameRead) {
  const { seek, sort, within, past } = READS[read];
  const order = `e.name${sort}, e.id${sort}`;
  const seekEach = (labels: Labels, where: (e: string) => string, limit: string) =>
    branches(
      labels,
      (label) => `MATCH (e:${label}) USING INDEX SEEK e:${label}(name, id)
       WHERE ${where('e')}
       ${limit}`,
    );
  return byLabels<EntitiesByNameParams, PageRow<EntityItem>>(
    `entities.page${read === 'up' ? '' : read === 'down' ? 'Down' : 'DownFromTop'}`,
    (labels) => `${totalOf(labels)}
   ${pageFromIndex({
     read: seekEach(labels, seek, `WITH e ORDER BY ${order} LIMIT toInteger($first) + 1
       RETURN e`),
     past: past === null ? null : seekEach(labels, past, 'RETURN e LIMIT 1'),
     order,
     key: (e) => keyList(ENTITY_KEYS.NAME(e)),
     within,
   })}`,
  );
}

/** The statements of a page by name, by the way each reads its index. */
export const entitiesPagesByName: Readonly<Record<NameRead, ReadonlyMap<Labels, CypherQuery<EntitiesByNameParams, PageRow<EntityItem>>>>> = {
  up: entitiesByName('up'),
  down: entitiesByName('down'),
  downFromTop: entitiesByName('downFromTop'),
};

/** How a page by year reads (see indexRead): up the list's keys, or down them. */
export type YearRead = 'up' | 'down';

/**
 * The seeks of a page by year, in the index on (kind, year, name, id) (migration 009) for the key `y` (`startOrder`
 * or `endOrder`), each for the kind `kind`: a cursor `$from` = [year, name, id] splits into entities of its year
 * beyond its name and id (an equality and a range on name, read in order) and those of the years beyond (a range
 * on the year). One range on the year with the name tested after would read every entity of the cursor's year, and
 * undated ones share one. Without a cursor the first finds nothing and the second reads from the end; every entity
 * has a year key, a name and an id, so the IS NOT NULL tests keep them all and make each read a seek.
 */
const YEAR_READS = {
  up: {
    sort: '',
    within: '<',
    sameYear: (y: string) => `e.${y} = $from[0] AND e.name >= $from[1] AND (e.name > $from[1] OR e.id > $from[2])`,
    beyond: (y: string) => `e.${y} > coalesce($from[0], ${-UNDATED_YEAR}) AND e.name IS NOT NULL`,
    pastSameYear: (y: string) => `e.${y} = $from[0] AND e.name <= $from[1] AND (e.name < $from[1] OR e.id <= $from[2])`,
    pastBefore: (y: string) => `e.${y} < $from[0] AND e.name IS NOT NULL`,
  },
  down: {
    sort: ' DESC',
    within: '>',
    sameYear: (y: string) => `e.${y} = $from[0] AND e.name <= $from[1] AND (e.name < $from[1] OR e.id < $from[2])`,
    beyond: (y: string) => `e.${y} < coalesce($from[0], ${UNDATED_YEAR + 1}) AND e.name IS NOT NULL`,
    pastSameYear: (y: string) => `e.${y} = $from[0] AND e.name >= $from[1] AND (e.name > $from[1] OR e.id >= $from[2])`,
    pastBefore: (y: string) => `e.${y} > $from[0] AND e.name IS NOT NULL`,
  },
} as const;

/**
 * A page of entities by start or end year, in either direction: for each kind asked (`$kinds`, every kind for all),
 * the first `$first` + 1 entries of the kind's part of the index from the cursor on, merged (see pageFromIndex and
 * YEAR_READS). A kind is an equality in the index: its entries are in (year, name, id) order, so with the kind in
 * the ORDER BY the index gives the order and the read stops at the limit. The total is read from the count store.
 * One statement serves every set of kinds, as a statement per set would fill Neo4j's plan cache.
 */
function entitiesByYear(field: 'START' | 'END', read: YearRead) {
  const y = YEAR_KEYS[field];
  const { sort, within, sameYear, beyond, pastSameYear, pastBefore } = YEAR_READS[read];
  const order = `e.${y}${sort}, e.name${sort}, e.id${sort}`;
  const seek = (where: string, limit: string) => `MATCH (e:Entity) USING INDEX SEEK e:Entity(kind, ${y}, name, id)
         WHERE e.kind = kind AND ${where} AND e.id IS NOT NULL
         ${limit}`;
  const eachKind = (seeks: readonly string[]) => `UNWIND $kinds AS kind
     CALL (kind) {
       ${seeks.join(`
       UNION ALL
       `)}
     }
     RETURN e`;
  const inOrder = `WITH e ORDER BY e.kind${sort}, ${order} LIMIT toInteger($first) + 1
         RETURN e`;
  const first = 'RETURN e LIMIT 1';
  return cypher<EntitiesByYearParams, PageRow<EntityItem>>(
    `entities.pageBy${field}${read === 'up' ? '' : 'Down'}`,
    `${totalOf('kinds')}
   ${pageFromIndex({
     read: eachKind([seek(sameYear(y), inOrder), seek(beyond(y), inOrder)]),
     past: eachKind([seek(pastSameYear(y), first), seek(pastBefore(y), first)]),
     order,
     key: (e) => keyList(ENTITY_KEYS[field](e)),
     within,
   })}`,
  );
}

/** The statements of a page by start or end year, by the way each reads its index. */
export const entitiesPagesByYear = {
  START: { up: entitiesByYear('START', 'up'), down: entitiesByYear('START', 'down') },
  END: { up: entitiesByYear('END', 'up'), down: entitiesByYear('END', 'down') },
} as const;

export type EntitiesAsOfParams = EntitiesPageParams & AsOfParams;

/**
 * A page of the entities that held (existed, happened, were in force) at the days asked (see as-of.ts), by name:
 * a time index finds those that may have (of every kind, or of the kinds asked: one equality seek per kind in
 * the index on kind and bounds), their ranks decide, and the matches are counted and sorted. What the index
 * finds is exactly what may have held, certainly, possibly or undated: with the defaults (POSSIBLE, undated
 * included) nothing is left to decide, and only the page's entities are ranked.
 */
function entitiesAsOfStatement(ofKinds: boolean, order: OrderField) {
  const key = ENTITY_KEYS[order];
  const seek = ofKinds
    ? `MATCH (e:Entity) USING INDEX SEEK e:Entity(kind, startEarliest, endLatest) WHERE e.kind IN $kinds AND ${mayHold('e')}`
    : `MATCH (e:Entity) USING INDEX SEEK e:Entity(startEarliest, endLatest) WHERE ${mayHold('e')}`;
  return cypher<EntitiesAsOfParams, PageRow<EntityItem>>(
    `entities.pageAsOf${ofKinds ? 'Kinds' : ''}${order === 'NAME' ? '' : `By${order}`}`,
    `${seek}
     // A CASE, so that Neo4j neither reorders the test nor ranks an entity the defaults keep anyway.
     WITH e WHERE CASE WHEN $minRank <= 2 AND $undated THEN true ELSE ${kept([rankOf('e')])} END
     WITH e ORDER BY ${key('e').join(', ')}
     WITH collect(e) AS matched
     ${keysetPage('matched', (entry) => keyList(key(entry)), `{node: ${boundTo('entry', entityMap)}, held: ${rankOf('entry')}}`)}`,
  );
}

export const entitiesAsOfPages = statementPerOrder((order) => entitiesAsOfStatement(false, order));
export const entitiesOfKindsAsOfPages = statementPerOrder((order) => entitiesAsOfStatement(true, order));

/**
 * How a page read from an index reads it for a window, and from and up to which cursors: by name as READS says, by
 * year `up`, or else `down` (a page by year needs no read of its own from the top).
 */
export function indexRead(window: KeysetParams): { read: NameRead; from: CursorKey | null; to: CursorKey | null } {
  // Paging backwards reads the list against its order, from `before`: the page nearest the cursor comes first.
  const from = window.backward ? window.before : window.after;
  const to = window.backward ? window.after : window.before;
  const down = window.descending !== window.backward;
  return { read: !down ? 'up' : from === null ? 'downFromTop' : 'down', from, to };
}
