import { matchById } from './entities.ts';
import { keysetPage, type KeysetParams, type OrderField } from './keyset.ts';
import { boundTo, type Slim } from './projection.ts';
import { cypher, type CypherQuery } from './query.ts';
import { RELATION_KEYS, relatedItem, type RelationsPageWire } from './relations.ts';

/**
 * How many WITHIN steps a transitive containment list follows: more than any real chain (a valley, its basin, a
 * prefecture, a region, a country: four), and a bound on what one question can cost. A var-length bound cannot be
 * a parameter, so it is written into the statements.
 */
export const MAX_CONTAINMENT_DEPTH = 8;

/** Up the chain (`within`) or down it (`contains`). */
export type Containment = 'OUT' | 'IN';

/** Transitive lists are by depth (nearest first) unless a client asks another order. */
export type ContainmentOrder = OrderField | 'DEPTH';

export type ContainmentParams = Slim & KeysetParams & { ids: readonly string[] };

/**
 * The values a transitive list is sorted by, from an entry [o, r, depth]: the entity `o` reached, the WITHIN `r`
 * that reaches it, and how many steps away it is. As relations.ts's orders, and DEPTH: depth, then name and id.
 */
const KEYS: Record<ContainmentOrder, (o: string, r: string, depth: string) => readonly string[]> = {
  DEPTH: (o, r, depth) => [depth, `${o}.name`, `${r}.id`],
  START: (o, r) => RELATION_KEYS.START(r, o),
  END: (o, r) => RELATION_KEYS.END(r, o),
  NAME: (o, r) => RELATION_KEYS.NAME(r, o),
};

const PATTERNS: Record<Containment, string> = {
  OUT: `(p)-[:WITHIN*1..${MAX_CONTAINMENT_DEPTH}]->(o:Entity)`,
  IN: `(p)<-[:WITHIN*1..${MAX_CONTAINMENT_DEPTH}]-(o:Entity)`,
};

/**
 * Everything a place lies within (OUT), or everything within it (IN), at any depth up to MAX_CONTAINMENT_DEPTH, for
 * many parents in one statement. Each place reached once, by its shortest chain: `depth` is that chain's length and
 * the relation is the chain's last step, the WITHIN that reaches it. A variable-length expansion from the parent's id
 * seek, so it reads the chains and nothing else.
 */
function containmentStatement(direction: Containment, order: ContainmentOrder): CypherQuery<ContainmentParams, RelationsPageWire> {
  const key = KEYS[order];
  return cypher(
    `containment.page(${direction}${order === 'DEPTH' ? '' : `, by ${order}`})`,
    `UNWIND $ids AS id
     ${matchById('p', 'id')}
     CALL (p) {
       MATCH chain = ${PATTERNS[direction]} WHERE o <> p
       WITH o, chain ORDER BY length(chain)
       WITH o, head(collect(chain)) AS chain
       WITH o, last(relationships(chain)) AS r, length(chain) AS depth
       WITH o, r, depth ORDER BY ${key('o', 'r', 'depth').join(', ')}
       // Count everything, but read properties only for the page returned.
       WITH collect([o, r, depth]) AS matched
       ${keysetPage(
         'matched',
         (entry) => `[${key(`${entry}[0]`, `${entry}[1]`, `${entry}[2]`).join(', ')}]`,
         boundTo('entry[0]', (o) => boundTo('entry[1]', (r) => relatedItem(r, o, String(direction === 'OUT'), { name: 'depth', value: 'entry[2]' }), 'r'), 'o'),
       )}
     }
     RETURN id, total, hasPrevious, hasNext, items, keys`,
  );
}

/** One statement per direction and order. */
export const containmentPages: ReadonlyMap<`${Containment}:${ContainmentOrder}`, CypherQuery<ContainmentParams, RelationsPageWire>> = new Map(
  (['OUT', 'IN'] as const).flatMap((direction) => (['DEPTH', 'NAME', 'START', 'END'] as const).map((order) => [`${direction}:${order}`, containmentStatement(direction, order)] as const)),
);
