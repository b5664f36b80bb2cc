import { z } from 'zod';
import { defineQuestion, sortedBy } from './types.ts';

/**
 * Three levels: a state's treaties, their parties, and the parties' treaties. Treaties come in
 * date order; parties and their treaties in no order the question fixes, so they are compared
 * sorted. Every list fits in its page (a treaty has 2 or 3 parties, a state signs far fewer than
 * 50 treaties), pages small enough for ours' cost limit (20 × 10 × 50 objects).
 *
 * Every server starts from the party (a State, by the generator's choice): the peer is asked for the
 * state and its first 20 treaties, as its users would ask; asked from the treaties' side with a
 * `some` filter, the same answer costs it a filter over every treaty.
 */
const named = z.object({ id: z.string(), name: z.string() });
type Named = z.infer<typeof named>;
const byId = (item: { id: string }) => item.id;

interface Party extends Named {
  readonly signed: readonly Named[];
}

function canonicalTreaty(treaty: Named & { parties: readonly Party[] }) {
  return {
    id: treaty.id,
    name: treaty.name,
    parties: sortedBy(treaty.parties, byId).map((party) => ({ id: party.id, name: party.name, signed: sortedBy(party.signed, byId) })),
  };
}

const oursParty = named.extend({ signed: z.object({ nodes: z.array(named) }) });
const peerParty = named.extend({ outSigned: z.array(named) });
const peerTreaty = named.extend({ inSigned: z.array(peerParty) });

export const walk = defineQuestion({
  id: 'walk',
  title: 'treaties(between:) → parties → their treaties',
  depth: 3,
  ceilingCypher: `
    MATCH (:Entity {id: $party})-[:SIGNED]->(t:Treaty)
    WITH DISTINCT t ORDER BY coalesce(t.startYear, 100000), t.name, t.id LIMIT $first
    CALL (t) {
      MATCH (t)<-[:SIGNED]-(p:Entity)
      CALL (p) {
        MATCH (p)-[:SIGNED]->(o:Treaty)
        RETURN collect({id: o.id, name: o.name}) AS signed
      }
      RETURN collect({id: p.id, name: p.name, signed: {nodes: signed}}) AS parties
    }
    RETURN {treaties: {edges: collect({node: {id: t.id, name: t.name, parties: {nodes: parties}}})}} AS data`,
  ask: (landmarks) => ({
    ours: {
      query: `query ($party: ID!) { treaties(between: [$party], first: 20) { edges { node { id name
        parties(first: 10) { nodes { id name
          ... on State { signed(first: 50) { nodes { id name } } }
          ... on Empire { signed(first: 50) { nodes { id name } } } } } } } } }`,
      variables: { party: landmarks.party },
    },
    peer: {
      query: `query ($party: ID!) {
        states(where: { id: { eq: $party } }) {
          outSigned(sort: [{ startYear: ASC }, { name: ASC }, { id: ASC }], limit: 20) {
            id name
            inSigned { id name ... on State { outSigned { id name } } ... on Empire { outSigned { id name } } }
          }
        }
      }`,
      variables: { party: landmarks.party },
    },
    ceiling: { party: landmarks.party, first: 20 },
  }),
  oursBody: z.object({
    data: z.object({
      treaties: z.object({ edges: z.array(z.object({ node: named.extend({ parties: z.object({ nodes: z.array(oursParty) }) }) })) }),
    }),
  }),
  peerBody: z.object({ data: z.object({ states: z.array(z.object({ outSigned: z.array(peerTreaty) })) }) }),
  fromOurs: ({ data }) =>
    data.treaties.edges.map(({ node }) =>
      canonicalTreaty({ ...node, parties: node.parties.nodes.map((party) => ({ ...party, signed: party.signed.nodes })) }),
    ),
  fromPeer: ({ data }) =>
    data.states.flatMap((state) => state.outSigned).map((treaty) => canonicalTreaty({ ...treaty, parties: treaty.inSigned.map((party) => ({ ...party, signed: party.outSigned })) })),
});
