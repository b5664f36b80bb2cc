import { z } from 'zod';
import { TIMELINE_AROUND } from './statements.ts';
import { defineQuestion } from './types.ts';

/** The first page of the timeline around one entity: itself, its dated relations, its dated neighbours. */
const PAGE = 20;
const entry = z.object({ year: z.number(), entity: z.object({ id: z.string() }).nullable(), relation: z.object({ id: z.string() }).nullable() });
const peerEntry = z.object({ year: z.number(), entityId: z.string().nullable(), relationId: z.string().nullable() });

export const timeline = defineQuestion({
  id: 'timeline',
  title: 'timeline(involving:, first: 20)',
  depth: 1,
  ceilingCypher: `${TIMELINE_AROUND}
    WITH collect({
      year: year,
      entity: CASE WHEN entity IS NULL THEN null ELSE {id: entity.id} END,
      relation: CASE WHEN r IS NULL THEN null ELSE {id: r.id} END
    }) AS matched
    RETURN {timeline: {totalCount: size(matched), edges: matched[0..$first]}} AS data`,
  ask: (landmarks) => ({
    ours: {
      query: 'query ($id: ID!) { timeline(involving: $id, first: 20) { totalCount edges { year entity { id } relation { id } } } }',
      variables: { id: landmarks.timeline },
    },
    peer: {
      query: 'query ($id: ID!) { timeline(involving: $id, first: 20) { totalCount entries { year entityId relationId } } }',
      variables: { id: landmarks.timeline },
    },
    ceiling: { involving: landmarks.timeline, first: PAGE },
  }),
  oursBody: z.object({ data: z.object({ timeline: z.object({ totalCount: z.number(), edges: z.array(entry) }) }) }),
  peerBody: z.object({ data: z.object({ timeline: z.object({ totalCount: z.number(), entries: z.array(peerEntry) }) }) }),
  fromOurs: ({ data }) => ({
    total: data.timeline.totalCount,
    entries: data.timeline.edges.map((e) => ({ year: e.year, entity: e.entity?.id ?? null, relation: e.relation?.id ?? null })),
  }),
  fromPeer: ({ data }) => ({
    total: data.timeline.totalCount,
    entries: data.timeline.entries.map((e) => ({ year: e.year, entity: e.entityId, relation: e.relationId })),
  }),
});
