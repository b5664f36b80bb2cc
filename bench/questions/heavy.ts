import { z } from 'zod';
import { peerRelationFields } from '../servers/peer-typedefs.ts';
import { defineQuestion, sortedBy } from './types.ts';

/**
 * One heavy list: the first 100 regions by name, each with all its relations (both ways, every
 * type). Ours has one field for that (`relations`); the peer has one field per type and
 * direction, so its client asks for each of them (generated connections); tuned, it asks for
 * `allRelations`, a `@cypher` field listing them flat. Relations are compared as sorted sets.
 *
 * The ceiling streams one flat row per relation and builds the answer in the endpoint, as a
 * hand-written endpoint would: one nested value built in Cypher is bound by the driver decoding it.
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

const oursEdge = z.object({ direction: z.string(), node: z.object({ id: z.string(), name: z.string() }), relation: z.object({ id: z.string(), type: z.string() }) });
const peerConnection = z.object({ edges: z.array(z.object({ properties: z.object({ id: z.string() }), node: z.object({ id: z.string(), name: z.string() }) })) });
const peerFields = peerRelationFields(KIND);
const peerRegion = z.object({ id: z.string(), name: z.string() }).catchall(z.unknown());
const tunedEdge = z.object({ type: z.string(), direction: z.string(), relationId: z.string(), nodeId: z.string() });
const tunedRegion = z.object({ id: z.string(), name: z.string(), allRelations: z.array(tunedEdge) });
const flatRow = z.object({
  id: z.string(),
  name: z.string(),
  type: z.string().nullable(),
  direction: z.string().nullable(),
  relationId: z.string().nullable(),
  nodeId: z.string().nullable(),
  nodeName: z.string().nullable(),
});

type OursEdge = z.infer<typeof oursEdge>;

/** The flat rows (one per relation, a region without any as one row of nulls) as ours' answer, regions in row order. */
function assembleRegions(rows: readonly Readonly<Record<string, unknown>>[]) {
  const regions = new Map<string, { id: string; name: string; edges: OursEdge[] }>();
  for (const raw of rows) {
    const row = flatRow.parse(raw);
    const region = regions.get(row.id) ?? { id: row.id, name: row.name, edges: [] };
    regions.set(row.id, region);
    if (row.type !== null && row.direction !== null && row.relationId !== null && row.nodeId !== null && row.nodeName !== null) {
      region.edges.push({ direction: row.direction, node: { id: row.nodeId, name: row.nodeName }, relation: { id: row.relationId, type: row.type } });
    }
  }
  const edges = [...regions.values()].map(({ id, name, edges }) => ({ node: { id, name, relations: { totalCount: edges.length, edges } } }));
  return { entities: { edges } };
}

export const heavy = defineQuestion({
  id: 'heavy',
  title: 'entities(kind: Region, first: 100) { relations }',
  depth: 2,
  ceilingCypher: `
    MATCH (e:${KIND}) WHERE e.name IS NOT NULL AND e.id IS NOT NULL
    WITH e ORDER BY e.name, e.id LIMIT $first
    OPTIONAL MATCH (e)-[r]-(o)
    RETURN e.id AS id, e.name AS name, type(r) AS type, CASE WHEN startNode(r) = e THEN 'OUT' ELSE 'IN' END AS direction,
      r.id AS relationId, o.id AS nodeId, o.name AS nodeName`,
  ceilingAnswer: assembleRegions,
  ask: () => ({
    ours: {
      query: `{ entities(kinds: [${KIND}], first: ${PAGE}) { edges { node { id name
        relations(first: ${RELATIONS_PAGE}) { totalCount edges { direction node { id name } relation { id type } } } } } } }`,
      variables: {},
    },
    peer: {
      query: `{ regions(sort: [{ name: ASC }, { id: ASC }], limit: ${PAGE}) { id name
        ${peerFields.map(({ field }) => `${field}Connection { edges { properties { id } node { id name } } }`).join('\n        ')} } }`,
      variables: {},
    },
    peerTuned: {
      query: `{ regions(sort: [{ name: ASC }, { id: ASC }], limit: ${PAGE}) { id name allRelations { type direction relationId nodeId } } }`,
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
        relations: node.relations.edges.map((edge) => ({ type: edge.relation.type, direction: edge.direction, relationId: edge.relation.id, node: edge.node.id })),
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
  peerTuned: {
    body: z.object({ data: z.object({ regions: z.array(tunedRegion) }) }),
    from: ({ data }) =>
      data.regions.map((region) =>
        canonicalRegion({
          id: region.id,
          name: region.name,
          total: region.allRelations.length,
          relations: region.allRelations.map((edge) => ({ type: edge.type, direction: edge.direction, relationId: edge.relationId, node: edge.nodeId })),
        }),
      ),
  },
});
