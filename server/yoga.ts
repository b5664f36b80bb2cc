import { randomUUID } from 'node:crypto';
import { createYoga, useReadinessCheck, type YogaServerInstance } from 'graphql-yoga';
import type { Driver } from 'neo4j-driver';
import { schema } from '../schema/index.ts';
import { createContext, type Context, type ContextOptions } from './context.ts';
import { EXAMPLE_QUERY } from './example-query.ts';

export interface AppOptions extends ContextOptions {
  readonly driver: Driver;
}

export type App = YogaServerInstance<Record<string, unknown>, Context>;

const REQUEST_ID = /^[\w.:-]{1,128}$/;

/**
 * The GraphQL app, apart from the process that listens, so tests can call `app.fetch()`.
 * `/health` answers while the process lives (Yoga's own); `/ready` only while Neo4j answers.
 */
export function createApp(options: AppOptions): App {
  return createYoga<Record<string, unknown>, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/health',
    landingPage: false,
    // Never reveal the cause of an unexpected error, even in development: it may hold Cypher.
    maskedErrors: { isDev: false },
    graphiql: { title: 'Tianshan', defaultQuery: EXAMPLE_QUERY },
    context: ({ request }) => {
      const given = request.headers.get('x-request-id');
      return createContext(options, given && REQUEST_ID.test(given) ? given : randomUUID());
    },
    plugins: [
      useReadinessCheck({
        endpoint: '/ready',
        check: async () => {
          await options.driver.verifyConnectivity({ database: options.database });
          return true;
        },
      }),
    ],
  });
}
