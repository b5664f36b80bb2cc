import SchemaBuilder from '@pothos/core';
import type { Context } from './context.ts';

/** Sets up the schema builder; the types register themselves from schema/types and schema/queries. */
export const builder = new SchemaBuilder<{
  Context: Context;
  DefaultFieldNullability: false;
  DefaultInputFieldRequiredness: false;
}>({
  defaultFieldNullability: false,
});

builder.queryType({ description: 'Ask what the knowledge graph knows: entities, their relations, and where each fact comes from.' });
builder.mutationType({
  description: 'Curate the knowledge graph: each write needs an editor bearer token, is checked as a fixture is, and is one transaction.',
});
builder.subscriptionType({
  description: 'Hear of changes as they happen, over Server-Sent Events (send `Accept: text/event-stream`; any graphql-sse client works).',
});
