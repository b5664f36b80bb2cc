import { z } from 'zod';
import { fuzzyQuery, searchWords } from '../../cypher/lucene.ts';
import { defineQuestion } from './types.ts';

/** Fuzzy full-text search for a misspelt name ("Irkestam" style), ten best hits. */
const PAGE = 10;
const hit = z.object({ id: z.string(), name: z.string(), kind: z.string() });
/** Lucene scores are floats computed by the same index for all three; rounding only hides printing noise. */
const rounded = (score: number) => Math.round(score * 1e4) / 1e4;

export const search = defineQuestion({
  id: 'search',
  title: 'search(query: <misspelt name>)',
  depth: 1,
  ceilingCypher: `
    CALL db.index.fulltext.queryNodes('entity_text', $lucene, {limit: 1000}) YIELD node, score
    WITH node, score ORDER BY score DESC, node.name, node.id LIMIT $first
    RETURN {search: {edges: collect({score: score, node: {id: node.id, name: node.name, kind: node.kind}})}} AS data`,
  ask: (landmarks) => {
    // Ours builds this Lucene query from the words; the peer and the ceiling are given it by the client.
    const lucene = fuzzyQuery(searchWords(landmarks.search));
    return {
      ours: {
        query: 'query ($q: String!) { search(query: $q, first: 10) { edges { score node { id name kind } } } }',
        variables: { q: landmarks.search },
      },
      peer: {
        query: `query ($q: String!) {
          searchEntities(phrase: $q, first: 10, sort: [{ score: DESC }, { node: { name: ASC } }, { node: { id: ASC } }]) { edges { score node { id name kind } } }
        }`,
        variables: { q: lucene },
      },
      ceiling: { lucene, first: PAGE },
    };
  },
  oursBody: z.object({ data: z.object({ search: z.object({ edges: z.array(z.object({ score: z.number(), node: hit })) }) }) }),
  peerBody: z.object({ data: z.object({ searchEntities: z.object({ edges: z.array(z.object({ score: z.number(), node: hit })) }) }) }),
  fromOurs: ({ data }) => data.search.edges.map((edge) => ({ ...edge.node, score: rounded(edge.score) })),
  fromPeer: ({ data }) => data.searchEntities.edges.map((edge) => ({ ...edge.node, score: rounded(edge.score) })),
});
