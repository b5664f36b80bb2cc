import type { EntityKind } from '../server/model/kinds.ts';
import { TREATY_EFFECT_TYPES } from '../server/model/relations.ts';
import { REF_MATCHES, type RefMatchRow, type RefParams } from './entities.ts';
import { cypher } from './query.ts';
import type { EntityRow, PageRow } from './rows.ts';

export type TreatiesParams = {
  /** What `affecting` names: the area is resolved inside the query, saving a round-trip per request. */
  areaRef: RefParams | null;
  /** The kinds an area may be; anything else matches no treaty (and the resolver explains why). */
  areaKinds: readonly EntityKind[];
  /** Entity ids that must all have signed. */
  between: readonly string[];
  from: number | null;
  to: number | null;
  offset: number;
  first: number;
};

/** `areas`: what the reference matched (the page is filled only when that is exactly one area). */
export type TreatiesRow = PageRow<EntityRow> & { readonly areas: readonly RefMatchRow[] };

const EFFECTS = TREATY_EFFECT_TYPES.join('|');

// A treaty is in [from, to] when its span overlaps it; an undated treaty only when no range is asked.
const FILTER = `
  ($from IS NULL OR coalesce(t.endYear, t.startYear) >= $from)
  AND ($to IS NULL OR t.startYear <= $to)
  AND all(party IN $between WHERE EXISTS { (t)<-[:SIGNED]-(:Entity {id: party}) })`;

/**
 * Treaties in date order, optionally those acting on an area (or what lies within it) and signed by given parties.
 * Each branch starts where the arguments allow: at the area, else at the first party, else at every treaty. The
 * conditions stand in a WITH before the MATCH so that Neo4j applies the MATCH only when they hold; written in the
 * MATCH's WHERE instead, it reads every treaty and then drops them (a scan that grows with the data).
 */
export const treatiesPage = cypher<TreatiesParams, TreatiesRow>(
  'treaties.page',
  `CALL () {
     UNWIND CASE WHEN $areaRef IS NULL THEN [] ELSE [$areaRef] END AS r
     CALL (r) { ${REF_MATCHES} }
     RETURN collect({id: e.id, name: e.name, kind: e.kind, byId: byId}) AS candidates
   }
   WITH candidates, [c IN candidates WHERE c.byId] AS exact
   WITH CASE WHEN size(exact) > 0 THEN exact ELSE candidates END AS areas
   WITH areas, CASE WHEN size(areas) = 1 AND areas[0].kind IN $areaKinds THEN areas[0].id END AS area
   OPTIONAL CALL (area) {
     WITH area WHERE area IS NOT NULL
     MATCH (:Entity {id: area})<-[:WITHIN*0..]-(:Entity)<-[:${EFFECTS}]-(t:Treaty)
     RETURN t
     UNION
     // Conditions on parameters alone, projected first, so the planner tests them before matching.
     WITH $between[0] AS party WHERE $areaRef IS NULL AND party IS NOT NULL
     MATCH (:Entity {id: party})-[:SIGNED]->(t:Treaty)
     RETURN t
     UNION
     WITH $areaRef IS NULL AND size($between) = 0 AS everything WHERE everything
     MATCH (t:Treaty)
     RETURN t
   }
   WITH areas, t ORDER BY coalesce(t.startYear, 100000), t.name, t.id
   // Count every match, but read properties only for the page returned.
   WITH areas, collect(CASE WHEN t IS NOT NULL AND ${FILTER} THEN t END) AS matched
   RETURN areas, size(matched) AS total, [x IN matched[$offset..($offset + $first)] | x {.*}] AS items`,
);
