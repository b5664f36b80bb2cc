import { z } from 'zod';
import { PATH_MAX_HOPS, SHORTEST_PATHS } from './statements.ts';
import { defineQuestion, sortedBy } from './types.ts';

/**
 * The shortest connections between two entities. The generator picks a pair with 2 to 10
 * shortest paths (all of them fit in the answer), whose order no server fixes: compared sorted.
 */
const relation = z.object({ relationId: z.string(), type: z.string(), from: z.string(), to: z.string() });
type Path = { readonly length: number; readonly nodeIds: readonly string[]; readonly relations: readonly z.infer<typeof relation>[] };
const canonicalPaths = (paths: readonly Path[]) => sortedBy(paths, (path) => JSON.stringify(path));

const oursPath = z.object({
  length: z.number(),
  nodes: z.array(z.object({ id: z.string() })),
  relations: z.array(z.object({ id: z.string(), type: z.string(), from: z.object({ id: z.string() }), to: z.object({ id: z.string() }) })),
});

export const path = defineQuestion({
  id: 'path',
  title: 'path(from:, to:, maxHops: 4)',
  depth: 1,
  ceilingCypher: `${SHORTEST_PATHS}
    RETURN {path: collect({
      length: length(p),
      nodes: [n IN nodes(p) | {id: n.id}],
      relations: [r IN relationships(p) | {id: r.id, type: type(r), from: {id: startNode(r).id}, to: {id: endNode(r).id}}]
    })} AS data`,
  ask: ({ path: pair }) => ({
    ours: {
      query: `query ($from: ID!, $to: ID!) { path(from: $from, to: $to, maxHops: ${PATH_MAX_HOPS}) {
        length nodes { id } relations { id type from { id } to { id } } } }`,
      variables: { from: pair.from, to: pair.to },
    },
    // allShortestPaths is beyond the peer's generated queries: a @cypher field (see peer-typedefs.ts).
    peer: {
      query: 'query ($from: ID!, $to: ID!) { paths(from: $from, to: $to) { length nodeIds relations { relationId type from to } } }',
      variables: { from: pair.from, to: pair.to },
    },
    ceiling: { from: pair.from, to: pair.to },
  }),
  oursBody: z.object({ data: z.object({ path: z.array(oursPath) }) }),
  peerBody: z.object({ data: z.object({ paths: z.array(z.object({ length: z.number(), nodeIds: z.array(z.string()), relations: z.array(relation) })) }) }),
  fromOurs: ({ data }) =>
    canonicalPaths(
      data.path.map((p) => ({
        length: p.length,
        nodeIds: p.nodes.map((node) => node.id),
        relations: p.relations.map((r) => ({ relationId: r.id, type: r.type, from: r.from.id, to: r.to.id })),
      })),
    ),
  fromPeer: ({ data }) => canonicalPaths(data.paths),
});
