import { z } from 'zod';
import { peerRelationFields } from '../servers/peer-typedefs.ts';
import { defineQuestion, sortedBy } from './types.ts';

/**
 * One heavy list: the first 100 regions by name, each with all its relations (both ways, every
 * type). Ours has one field for that (`relations`); the peer has one field per type and
 * direction, so its client asks for each of them. Relations are compared as sorted sets.
 */
const PAGE = 100;
const RELATIONS_PAGE = 100;
const KIND = 'Region';

interface CanonicalRelation {
  readonly type: string;
  readonly direction: string;
  readonly relationId: string;
  readonly node: string;
}

const canonicalRegion = (region: { id: string; name: string; total: number; relations: readonly CanonicalRelation[] }) => ({
  ...region,
  relations: sortedBy(region.relations, (r) => `${r.relationId} ${r.direction}`),
});

const oursEdge = z.object({ type: z.string(), direction: z.string(), relationId: z.string(), node: z.object({ id: z.string(), name: z.string() }) });
const peerConnection = z.object({ edges: z.array(z.object({ properties: z.object({ id: z.string() }), node: z.object({ id: z.string(), name: z.string() }) })) });
const peerFields = peerRelationFields(KIND);
const peerRegion = z.object({ id: z.string(), name: z.string() }).catchall(z.unknown());

export const heavy = defineQuestion({
  id: 'heavy',
  title: 'entities(kind: Region, first: 100) { relations }',
  depth: 2,
  ceilingCypher: `
    MATCH (e:${KIND}) WHERE e.name IS NOT NULL AND e.id IS NOT NULL
    WITH e ORDER BY e.name, e.id LIMIT $first
    CALL (e) {
      MATCH (e)-[r]-(o)
      RETURN collect({type: type(r), direction: CASE WHEN startNode(r) = e THEN 'OUT' ELSE 'IN' END, relationId: r.id, node: {id: o.id, name: o.name}}) AS edges
    }
    RETURN {entities: {edges: collect({node: {id: e.id, name: e.name, relations: {totalCount: size(edges), edges: edges}}})}} AS data`,
  ask: () => ({
    ours: {
      query: `{ entities(kind: "${KIND}", first: ${PAGE}) { edges { node { id name
        relations(first: ${RELATIONS_PAGE}) { totalCount edges { type direction relationId node { id name } } } } } } }`,
      variables: {},
    },
    peer: {
      query: `{ regions(sort: [{ name: ASC }, { id: ASC }], limit: ${PAGE}) { id name
        ${peerFields.map(({ field }) => `${field}Connection { edges { properties { id } node { id name } } }`).join('\n        ')} } }`,
      variables: {},
    },
    ceiling: { first: PAGE },
  }),
  oursBody: z.object({
    data: z.object({
      entities: z.object({
        edges: z.array(z.object({ node: z.object({ id: z.string(), name: z.string(), relations: z.object({ totalCount: z.number(), edges: z.array(oursEdge) }) }) })),
      }),
    }),
  }),
  peerBody: z.object({ data: z.object({ regions: z.array(peerRegion) }) }),
  fromOurs: ({ data }) =>
    data.entities.edges.map(({ node }) =>
      canonicalRegion({
        id: node.id,
        name: node.name,
        total: node.relations.totalCount,
        relations: node.relations.edges.map((edge) => ({ type: edge.type, direction: edge.direction, relationId: edge.relationId, node: edge.node.id })),
      }),
    ),
  fromPeer: ({ data }) =>
    data.regions.map((region) => {
      const relations = peerFields.flatMap(({ field, type, direction }) =>
        peerConnection.parse(region[`${field}Connection`]).edges.map((edge) => ({
          type,
          direction: direction.toUpperCase(),
          relationId: edge.properties.id,
          node: edge.node.id,
        })),
      );
      return canonicalRegion({ id: region.id, name: region.name, total: relations.length, relations });
    }),
});
