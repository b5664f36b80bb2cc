import { z } from 'zod';
import { namePhraseQuery } from '../../cypher/lucene.ts';
import { AREA_TREATIES } from './statements.ts';
import { defineQuestion } from './types.ts';

/** The headline: treaties that acted on the Ili basin or anything within it, found by name. */
const AREA = 'Ili basin';
const PAGE = 20;
const named = z.object({ id: z.string(), name: z.string() });

export const ili = defineQuestion({
  id: 'ili',
  title: 'treaties(affecting: "Ili basin")',
  depth: 1,
  ceilingCypher: `${AREA_TREATIES}
    WITH collect({node: {id: t.id, name: t.name}}) AS edges
    RETURN {treaties: {totalCount: size(edges), edges: edges[0..$first]}} AS data`,
  ask: () => ({
    ours: {
      query: 'query ($area: String!) { treaties(affecting: $area, first: 20) { totalCount edges { node { id name } } } }',
      variables: { area: AREA },
    },
    // The peer has no transitive filter: a @cypher field does what ours does (see peer-typedefs.ts).
    peer: {
      query: 'query ($area: String!, $phrase: String!) { treatiesAffecting(area: $area, phrase: $phrase) { id name } }',
      variables: { area: AREA, phrase: namePhraseQuery(AREA) },
    },
    ceiling: { area: AREA, phrase: namePhraseQuery(AREA), first: PAGE },
  }),
  oursBody: z.object({ data: z.object({ treaties: z.object({ totalCount: z.number(), edges: z.array(z.object({ node: named })) }) }) }),
  peerBody: z.object({ data: z.object({ treatiesAffecting: z.array(named) }) }),
  fromOurs: ({ data }) => ({ total: data.treaties.totalCount, treaties: data.treaties.edges.map((edge) => edge.node) }),
  // The peer's field returns every match: the total is its length, the page its first PAGE.
  fromPeer: ({ data }) => ({ total: data.treatiesAffecting.length, treaties: data.treatiesAffecting.slice(0, PAGE) }),
});
