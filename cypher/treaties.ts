import { UNDATED_YEAR } from '../model/codec.ts';
import type { EntityKind } from '../model/kinds.ts';
import { TREATY_EFFECT_TYPES } from '../model/relations.ts';
import { kept, limitOf, mayHold, rankOf, weakest, weakestIn, type AsOfParams } from './as-of.ts';
import { matchById, resolveRefClause, resolveRefsClause, type RefMatchRow, type RefParams } from './entities.ts';
import { keysetPage, statementPerOrder, type KeysetParams, type OrderField } from './keyset.ts';
import { boundTo, entityMap, type Slim } from './projection.ts';
import { cypher } from './query.ts';
import type { EntityItem, PageRow } from './rows.ts';

export type TreatiesParams = Slim & AsOfParams & KeysetParams & {
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
};

/**
 * `areaMatches`: what the area reference matched; `area`: the one area it settled on. `partyMatches` and
 * `parties`: the same for each party reference. Only settled references fill the page.
 */
export type TreatiesRow = PageRow<EntityItem> & {
  readonly areaMatches: readonly RefMatchRow[];
  readonly area: string | null;
  readonly partyMatches: readonly (readonly RefMatchRow[])[];
  readonly parties: readonly (string | null)[];
};

const EFFECTS = TREATY_EFFECT_TYPES.join('|');

/** The values treaties are listed by, for each order: a year (undated after every dated one), name, id; or name, id. */
const TREATY_KEYS: Record<OrderField, (t: string) => readonly string[]> = {
  START: (t) => [`coalesce(${t}.startYear, ${UNDATED_YEAR})`, `${t}.name`, `${t}.id`],
  END: (t) => [`coalesce(${t}.endYear, ${UNDATED_YEAR})`, `${t}.name`, `${t}.id`],
  NAME: (t) => [`${t}.name`, `${t}.id`],
};

/**
 * The treaties `t` that acted on the place bound to `a` or on anything within it, one row per way they did, with
 * `effect` (the relation that records the effect) and, as of a date, `reach`: the weakest rank, as a limit, of the
 * effect and the containment on the way (see as-of.ts; null otherwise). `carry` lists variables kept.
 */
export const TREATIES_ACTING_ON = (a: string, { carry = '', asOf = true }: { carry?: string; asOf?: boolean } = {}) =>
  `MATCH (${a})<-[within:WITHIN*0..]-(:Entity)<-[effect:${EFFECTS}]-(t:Treaty)
     WITH ${carry}t, effect, ${asOf ? weakest([limitOf('effect'), weakestIn(`[w IN within | ${limitOf('w')}]`)]) : 'null'} AS reach`;

// A treaty is in [from, to] when its span overlaps it; an undated treaty only when no range is asked.
const FILTER = `
  ($from IS NULL OR coalesce(t.endYear, t.startYear) >= $from)
  AND ($to IS NULL OR t.startYear <= $to)
  AND all(party IN parties WHERE EXISTS { MATCH (t)<-[:SIGNED]-(signer:Entity) WHERE signer.id = party })`;

/**
 * Treaties in date order, optionally those acting on an area (or what lies within it) and signed by given parties.
 * Each branch starts where the arguments allow: at the area, else at the first party, else at every treaty (by the
 * time index when a date is asked). The conditions stand in a WITH before the MATCH so that Neo4j applies the MATCH
 * only when they hold; written in the MATCH's WHERE instead, it reads every treaty and then drops them (a scan that
 * grows with the data).
 *
 * As of a date (see as-of.ts), a treaty is the fact: it was in force. What ties it to the area (its effect, and
 * the containment the area is reached by) limits it; of several ways to the area, the strongest counts. That is a
 * statement of its own, so that questions without a date send and run no more than they need.
 */
function treatiesStatement(asOf: boolean, order: OrderField) {
  const keyOf = TREATY_KEYS[order];
  const ranked = asOf
    ? `WITH areaMatches, area, partyMatches, parties, t, ${rankOf('t')} AS fact, coalesce(max(reach), 3) AS reach
   WITH areaMatches, area, partyMatches, parties, t, ${weakest(['fact', 'reach'])} AS held, ${kept(['fact', 'reach'])} AS wanted`
    : 'WITH areaMatches, area, partyMatches, parties, t, null AS held, true AS wanted';
  return cypher<TreatiesParams, TreatiesRow>(
    `treaties.page${asOf ? 'AsOf' : ''}${order === 'START' ? '' : `By${order}`}`,
    `${resolveRefClause({ param: 'areaRef', as: 'area', kindsParam: 'areaKinds' })}
   ${resolveRefsClause({ param: 'between', as: 'party', kindsParam: 'partyKinds' }, ['areaMatches', 'area'])}
   WITH areaMatches, area, partyMatches, party AS parties
   OPTIONAL CALL (area, parties) {
     WITH area WHERE area IS NOT NULL
     ${matchById('a', 'area')}
     ${TREATIES_ACTING_ON('a', { asOf })}
     RETURN t, reach
     UNION
     // Conditions on parameters alone, projected first, so the planner tests them before matching.
     WITH parties[0] AS party WHERE $areaRef IS NULL AND party IS NOT NULL
     ${matchById('p', 'party')}
     MATCH (p)-[:SIGNED]->(t:Treaty)
     RETURN t, null AS reach
     UNION
     WITH $areaRef IS NULL AND size($between) = 0 AS everything WHERE everything
     MATCH (t:Treaty) ${asOf ? `WHERE ${mayHold('t')}` : ''}
     RETURN t, null AS reach
   }
   ${ranked}
   WITH areaMatches, area, partyMatches, parties, t, held, wanted ORDER BY ${keyOf('t').join(', ')}
   // Count every match, but read properties only for the page returned.
   WITH areaMatches, area, partyMatches, parties,
        collect(CASE WHEN t IS NOT NULL AND wanted AND ${FILTER} THEN ${asOf ? '[t, held]' : 't'} END) AS matched
   ${keysetPage(
     'matched',
     (entry) => `[${keyOf(asOf ? `${entry}[0]` : entry).join(', ')}]`,
     asOf ? `{node: ${boundTo('entry[0]', entityMap)}, held: entry[1]}` : `{node: ${boundTo('entry', entityMap)}}`,
     'areaMatches, area, partyMatches, parties, ',
   )}`,
  );
}

/** The statement of each order (`treaties.page`, by date, is the default; `treaties.pageByNAME`…), without and with a date. */
export const treatiesPages = statementPerOrder((order) => treatiesStatement(false, order));
export const treatiesAsOfPages = statementPerOrder((order) => treatiesStatement(true, order));
