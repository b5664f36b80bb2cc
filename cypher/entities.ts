import { ENTITY_KINDS, type EntityKind } from '../model/kinds.ts';
import { namePhraseQuery } from './lucene.ts';
import { entityMap, type Slim } from './projection.ts';
import { cypher, type CypherQuery } from './query.ts';
import type { EntityRow, PageRow } from './rows.ts';

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

/**
 * A page of entities of one kind (or all), by name. Counting a label alone is answered from Neo4j's count store.
 * Every entity has a name and an id, so the IS NOT NULL tests keep them all; they let Neo4j read the page in order
 * from the label's (name, id) index (migration 004) instead of sorting every entity of the kind.
 */
export const entitiesPage: ReadonlyMap<EntityKind | 'Entity', CypherQuery<Slim & { offset: number; first: number }, PageRow<EntityRow>>> = new Map(
  PAGE_LABELS.map((label) => [
    label,
    cypher(
      `entities.page${label}`,
      `CALL () { MATCH (e:${label}) RETURN count(e) AS total }
       CALL () {
         MATCH (e:${label}) WHERE e.name IS NOT NULL AND e.id IS NOT NULL
         WITH e ORDER BY e.name, e.id SKIP toInteger($offset) LIMIT toInteger($first)
         RETURN collect(${entityMap('e')}) AS items
       }
       RETURN total, items`,
    ),
  ]),
);
