import { z } from 'zod';
import { AFTER_ALL_DAYS, daysOf } from '../../model/time-bounds.ts';
import { defineQuestion } from './types.ts';

/**
 * As of a date, over every entity: the states and empires that existed in AS_OF (what may have; each marked
 * certain, possible or undated), the first page by name with the total. Ours takes the date as a client writes
 * it. The peer is asked what a @neo4j/graphql user would write: the stored day bounds compared by hand in
 * `where` (a year is its first and last day), the total from the connection, and the client working out from the
 * bounds how sure each answer is. The ceiling is one statement that seeks the index ours seeks.
 */
const AS_OF = '1900';
const PAGE = 20;
const KINDS = ['State', 'Empire'] as const;
const { first: FROM, last: TO } = daysOf(AS_OF);

const held = z.enum(['CERTAIN', 'POSSIBLE', 'UNDATED']);
const oursEdge = z.object({ held, node: z.object({ id: z.string(), name: z.string() }) });
const peerNode = z.object({ id: z.string(), name: z.string(), startLatest: z.number(), endEarliest: z.number() });

/** How sure it is that something with these bounds held in AS_OF, as ours says it (cypher/as-of.ts). */
function heldFrom(bounds: { startLatest: number; endEarliest: number }): z.infer<typeof held> {
  if (bounds.startLatest <= TO && bounds.endEarliest >= FROM) return 'CERTAIN';
  return bounds.startLatest >= AFTER_ALL_DAYS ? 'UNDATED' : 'POSSIBLE';
}

const peerWhere = `{ kind: { in: ${JSON.stringify(KINDS)} }, startEarliest: { lte: ${TO} }, endLatest: { gte: ${FROM} } }`;

export const asof = defineQuestion({
  id: 'asof',
  title: `entities(kinds: [State, Empire], asOf: "${AS_OF}")`,
  depth: 1,
  // The index on (kind, startEarliest, endLatest) that migration 005 creates: one equality seek per kind.
  ceilingCypher: `
    MATCH (e:Entity) WHERE e.kind IN ${JSON.stringify(KINDS).replaceAll('"', "'")} AND e.startEarliest <= $to AND e.endLatest >= $from
    WITH e ORDER BY e.name, e.id
    WITH collect(e) AS matched
    RETURN {entities: {totalCount: size(matched), edges: [e IN matched[0..$first] | {
      held: CASE WHEN e.startLatest <= $to AND e.endEarliest >= $from THEN 'CERTAIN' WHEN e.startLatest >= ${AFTER_ALL_DAYS} THEN 'UNDATED' ELSE 'POSSIBLE' END,
      node: {id: e.id, name: e.name}
    }]}} AS data`,
  ask: () => ({
    ours: {
      query: `query ($asOf: String!) { entities(kinds: [${KINDS.join(', ')}], asOf: $asOf, first: ${PAGE}) { totalCount edges { held node { id name } } } }`,
      variables: { asOf: AS_OF },
    },
    peer: {
      query: `{
        entitiesConnection(where: ${peerWhere}) { totalCount }
        entities(where: ${peerWhere}, sort: [{ name: ASC }, { id: ASC }], limit: ${PAGE}) { id name startLatest endEarliest }
      }`,
      variables: {},
    },
    ceiling: { from: FROM, to: TO, first: PAGE },
  }),
  oursBody: z.object({ data: z.object({ entities: z.object({ totalCount: z.number(), edges: z.array(oursEdge) }) }) }),
  peerBody: z.object({ data: z.object({ entitiesConnection: z.object({ totalCount: z.number() }), entities: z.array(peerNode) }) }),
  fromOurs: ({ data }) => ({ total: data.entities.totalCount, polities: data.entities.edges.map(({ held, node }) => ({ ...node, held })) }),
  fromPeer: ({ data }) => ({
    total: data.entitiesConnection.totalCount,
    polities: data.entities.map(({ id, name, startLatest, endEarliest }) => ({ id, name, held: heldFrom({ startLatest, endEarliest }) })),
  }),
});
