import { inject } from 'vitest';
import type { Driver } from 'neo4j-driver';
import type { QueryEvent } from '../../cypher/executor.ts';
import { createChangeFeed } from '../../server/change-feed.ts';
import { DEFAULT_POLICY } from '../../server/http-policy.ts';
import { silentLogger } from '../../server/log.ts';
import { createApp, type App, type AppOptions } from '../../server/yoga.ts';

export interface GraphQLResponse {
  readonly data?: Record<string, unknown> | null;
  readonly errors?: { message: string; extensions?: Record<string, unknown>; path?: unknown[] }[];
}

/**
 * The real app over the run's Neo4j, called through `fetch` without a port; it records every Cypher round-trip.
 * Its live changes (`changes`) follow the log every 100 ms.
 */
export function testApp(driver: Driver, options: Partial<Pick<AppOptions, 'curationTokens' | 'jwt' | 'planRelations' | 'policy' | 'timeoutMs'>> = {}) {
  const queries: QueryEvent[] = [];
  const { database } = inject('neo4j');
  const maxPerClient = (options.policy ?? DEFAULT_POLICY).maxSubscriptionsPerClient;
  const changes = createChangeFeed({ driver, database, timeoutMs: 10_000, pollMs: 100, maxPerClient, log: silentLogger });
  const app: App = createApp({ driver, database, timeoutMs: 10_000, onQuery: (event) => queries.push(event), changes, ...options });

  async function graphql(
    query: string,
    variables?: Record<string, unknown>,
    headers: Record<string, string> = {},
  ): Promise<GraphQLResponse & { roundTrips: number; status: number; headers: Headers }> {
    queries.length = 0;
    const response = await app.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as GraphQLResponse;
    return { ...body, roundTrips: queries.length, status: response.status, headers: response.headers };
  }

  return { app, graphql, queries, changes };
}

/** The data of a response that must have succeeded. */
export function dataOf<T>(response: GraphQLResponse): T {
  if (response.errors?.length) throw new Error(`unexpected errors: ${JSON.stringify(response.errors)}`);
  return response.data as T;
}
