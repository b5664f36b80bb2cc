import { TREATY_EFFECT_TYPES } from '../../model/relations.ts';

/**
 * Cypher that the ceiling and the peer's `@cypher` fields share, so that where the peer needs
 * hand-written Cypher it does exactly the work the ceiling does; each ends in `WITH` rows for the
 * caller to shape. Ours runs its own queries (cypher/), which these mirror.
 */

/** `$area` (an id, a name or an alias; `$phrase` is its Lucene phrase query) → its treaties `t`, in date order. */
export const AREA_TREATIES = `
    CALL () {
      MATCH (area:Entity {id: $area}) RETURN area
      UNION
      CALL db.index.fulltext.queryNodes('entity_text', $phrase, {limit: 50}) YIELD node AS area
      WITH area WHERE toLower(area.name) = toLower($area) OR any(alias IN area.aliases WHERE toLower(alias) = toLower($area))
      RETURN area
    }
    MATCH (area)<-[:WITHIN*0..]-(:Entity)<-[:${TREATY_EFFECT_TYPES.join('|')}]-(t:Treaty)
    WITH DISTINCT t ORDER BY coalesce(t.startYear, 100000), t.name, t.id`;

export const PATH_MAX_HOPS = 4;

/** Up to 10 shortest paths `p` between `$from` and `$to`, ignoring direction. */
export const SHORTEST_PATHS = `
    MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
    MATCH p = allShortestPaths((a)-[*..${PATH_MAX_HOPS}]-(b))
    WITH p LIMIT 10`;

/** The dated rows (`year`, `entity` or `r`) around `$involving`, in timeline order. */
export const TIMELINE_AROUND = `
    CALL () {
      MATCH (e:Entity {id: $involving}) WHERE e.startYear IS NOT NULL
      RETURN e.startYear AS year, e AS entity, null AS r
      UNION
      MATCH (:Entity {id: $involving})-[r]-(e:Entity) WHERE e.startYear IS NOT NULL
      RETURN e.startYear AS year, e AS entity, null AS r
      UNION
      MATCH (:Entity {id: $involving})-[r]-() WHERE r.startYear IS NOT NULL
      RETURN r.startYear AS year, null AS entity, r
    }
    WITH year, entity, r ORDER BY year, CASE WHEN entity IS NULL THEN 1 ELSE 0 END, coalesce(entity.name, r.id)`;
