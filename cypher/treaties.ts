import { TREATY_EFFECT_TYPES } from '../server/model/relations.ts';
import { cypher } from './query.ts';
import type { EntityRow, PageRow } from './rows.ts';

export type TreatiesParams = {
  /** An entity id: treaties acting on it or on anything that lies within it, transitively. */
  area: string | null;
  /** Entity ids that must all have signed. */
  between: readonly string[];
  from: number | null;
  to: number | null;
  offset: number;
  first: number;
};

const EFFECTS = TREATY_EFFECT_TYPES.join('|');

// A treaty is in [from, to] when its span overlaps it; an undated treaty only when no range is asked.
const FILTER = `
  ($from IS NULL OR coalesce(t.endYear, t.startYear) >= $from)
  AND ($to IS NULL OR t.startYear <= $to)
  AND all(party IN $between WHERE EXISTS { (t)<-[:SIGNED]-(:Entity {id: party}) })`;

const PAGE = `
  WITH DISTINCT t WHERE ${FILTER}
  WITH t ORDER BY coalesce(t.startYear, 100000), t.name, t.id
  // Count every match, but read properties only for the page returned.
  WITH collect(t) AS matched
  RETURN size(matched) AS total, [x IN matched[$offset..($offset + $first)] | x {.*}] AS items`;

/**
 * Treaties in date order, optionally those acting on an area (or what lies within it) and signed by given parties.
 * Each branch starts where the arguments allow: at the area, else at the first party, else at every treaty. The
 * conditions stand in a WITH before the MATCH so that Neo4j applies the MATCH only when they hold; written in the
 * MATCH's WHERE instead, it reads every treaty and then drops them (a scan that grows with the data).
 */
export const treatiesPage = cypher<TreatiesParams, PageRow<EntityRow>>(
  'treaties.page',
  `CALL () {
     MATCH (area:Entity {id: $area})<-[:WITHIN*0..]-(:Entity)<-[:${EFFECTS}]-(t:Treaty)
     RETURN t
     UNION
     WITH $between[0] AS party WHERE $area IS NULL AND party IS NOT NULL
     MATCH (:Entity {id: party})-[:SIGNED]->(t:Treaty)
     RETURN t
     UNION
     WITH $area IS NULL AND size($between) = 0 AS everything WHERE everything
     MATCH (t:Treaty)
     RETURN t
   }
   ${PAGE}`,
);
