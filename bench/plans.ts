import type { Driver } from 'neo4j-driver';
import type { QueryEvent } from '../cypher/executor.ts';
import { createApp } from '../server/yoga.ts';
import type { GraphQLRequest } from './questions/types.ts';
import { profileStatement, type StatementPlan } from './profile-statement.ts';
import { jsonHeaders } from './requests.ts';

/**
 * Asks ours the question in-process (the same app, through `fetch`), records the statements it
 * runs, and PROFILEs each with the parameters it was given: the plans of exactly what ours sends.
 */
export async function profileOurs(driver: Driver, database: string, request: GraphQLRequest): Promise<StatementPlan[]> {
  const events: QueryEvent[] = [];
  const app = createApp({ driver, database, timeoutMs: 60_000, onQuery: (event) => events.push(event) });
  const response = await app.fetch('http://bench/graphql', { method: 'POST', headers: jsonHeaders(), body: JSON.stringify(request) });
  await response.text();
  const plans: StatementPlan[] = [];
  for (const event of events) plans.push(await profileStatement(driver, database, event.name, event.text, event.params));
  return plans;
}
