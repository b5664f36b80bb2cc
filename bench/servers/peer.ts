import { Neo4jGraphQL } from '@neo4j/graphql';
import { createYoga } from 'graphql-yoga';
import { peerTypeDefs } from './peer-typedefs.ts';
import type { ServerFactory } from './types.ts';

/**
 * The peer: @neo4j/graphql 7 over type definitions equivalent to our model (peer-typedefs.ts),
 * served by graphql-yoga on node:http like ours. Its round-trips are the statements counted on the
 * driver it is given (counting-driver.ts), the only way it reaches Neo4j.
 */
export const peerServer: ServerFactory = async ({ driver, counters, database, timeoutMs }) => {
  const schema = await new Neo4jGraphQL({ typeDefs: peerTypeDefs(), driver }).getSchema();
  const yoga = createYoga({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: false,
    // Errors (a query over the transaction timeout, say) go to the client, where the benchmark
    // counts them as bad answers and shows them when a check fails, instead of to stderr.
    maskedErrors: false,
    logging: false,
    // The library reads the session's database and the transaction's timeout from the context.
    context: () => ({ sessionConfig: { database }, transaction: { timeout: timeoutMs } }),
  });
  return { listener: yoga, roundTrips: () => counters.statements };
};
