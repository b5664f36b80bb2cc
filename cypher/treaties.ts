import type { EntityKind } from '../model/kinds.ts';
import { TREATY_EFFECT_TYPES } from '../model/relations.ts';
import { matchById, resolveRefClause, resolveRefsClause, type RefMatchRow, type RefParams } from './entities.ts';
import { entityMap, type Slim } from './projection.ts';
import { cypher } from './query.ts';
import type { EntityRow, PageRow } from './rows.ts';

export type TreatiesParams = Slim & {
  /** What `affecting` names: the area is resolved inside the query, saving a round-trip per request. */
  areaRef: RefParams | null;
  /** The kinds an area may be; anything else matches no treaty (and the resolver explains why). */
  areaKinds: readonly EntityKind[];
  /** What `between` names: parties that must all have signed, resolved inside the query too. */
  between: readonly RefParams[];
  /** The kinds a party may be. */
  partyKinds: readonly EntityKind[];
  from: number | null;
  to: number | null;
  offset: number;
  first: number;
};

/**
 * `areaMatches`: what the area reference matched; `area`: the one area it settled on. `partyMatches` and
 * `parties`: the same for each party reference. Only settled references fill the page.
 */
export type TreatiesRow = PageRow<EntityRow> & {
  readonly areaMatches: readonly RefMatchRow[];
  readonly area: string | null;
  readonly partyMatches: readonly (readonly RefMatchRow[])[];
  readonly parties: readonly (string | null)[];
};

const EFFECTS = TREATY_EFFECT_TYPES.join('|');

// A treaty is in [from, to] when its span overlaps it; an undated treaty only when no range is asked.
const FILTER = `
  ($from IS NULL OR coalesce(t.endYear, t.startYear) >= $from)
  AND ($to IS NULL OR t.startYear <= $to)
  AND all(party IN parties WHERE EXISTS { MATCH (t)<-[:SIGNED]-(signer:Entity) WHERE signer.id = party })`;

/**
 * Treaties in date order, optionally those acting on an area (or what lies within it) and signed by given parties.
 * Each branch starts where the arguments allow: at the area, else at the first party, else at every treaty. The
 * conditions stand in a WITH before the MATCH so that Neo4j applies the MATCH only when they hold; written in the
 * MATCH's WHERE instead, it reads every treaty and then drops them (a scan that grows with the data).
 */
export const treatiesPage = cypher<TreatiesParams, TreatiesRow>(
  'treaties.page',
  `${resolveRefClause({ param: 'areaRef', as: 'area', kindsParam: 'areaKinds' })}
   ${resolveRefsClause({ param: 'between', as: 'party', kindsParam: 'partyKinds' }, ['areaMatches', 'area'])}
   WITH areaMatches, area, partyMatches, party AS parties
   OPTIONAL CALL (area, parties) {
     WITH area WHERE area IS NOT NULL
     ${matchById('a', 'area')}
     MATCH (a)<-[:WITHIN*0..]-(:Entity)<-[:${EFFECTS}]-(t:Treaty)
     RETURN t
     UNION
     // Conditions on parameters alone, projected first, so the planner tests them before matching.
     WITH parties[0] AS party WHERE $areaRef IS NULL AND party IS NOT NULL
     ${matchById('p', 'party')}
     MATCH (p)-[:SIGNED]->(t:Treaty)
     RETURN t
     UNION
     WITH $areaRef IS NULL AND size($between) = 0 AS everything WHERE everything
     MATCH (t:Treaty)
     RETURN t
   }
   WITH areaMatches, area, partyMatches, parties, t ORDER BY coalesce(t.startYear, 100000), t.name, t.id
   // Count every match, but read properties only for the page returned.
   WITH areaMatches, area, partyMatches, parties, collect(CASE WHEN t IS NOT NULL AND ${FILTER} THEN t END) AS matched
   RETURN areaMatches, area, partyMatches, parties, size(matched) AS total, [x IN matched[$offset..($offset + $first)] | ${entityMap('x')}] AS items`,
);
