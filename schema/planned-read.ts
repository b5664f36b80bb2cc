import type { GraphQLResolveInfo } from 'graphql';
import { levelColumn, levelParameters, withRelationPages } from '../cypher/planned-pages.ts';
import type { CypherQuery } from '../cypher/query.ts';
import type { EntityRow, PageRow } from '../cypher/rows.ts';
import type { Context } from './context.ts';
import { primeRelations, relationsPageParams, relationsPageShape } from './loaders/relation-loaders.ts';
import { planRelations } from './relation-plan.ts';

/**
 * Reads a root list with the relation fields selected beneath it (schema/relation-plan.ts) in one statement, and
 * primes the relation loader with their pages: the resolvers of those fields then find them there instead of
 * sending a statement per level. The rows returned are the root statement's own (its level columns left on them,
 * unread). Without a plan, or with the planner turned off (`planRelations: false`), it runs the root statement alone.
 */
export async function readPlanned<Params extends Record<string, unknown>, Row extends PageRow<{ readonly node: EntityRow }>>(
  { executor, loaders, planRelations: planning }: Context,
  info: GraphQLResolveInfo,
  query: CypherQuery<Params, Row>,
  params: Params,
): Promise<Row[]> {
  const levels = planning ? planRelations(info) : [];
  if (levels.length === 0) return executor.read(query, params);
  const statement = withRelationPages(
    query,
    levels.map(({ parent, key }) => ({ parent, shape: relationsPageShape(key) })),
  );
  const rows = await executor.read(statement, { ...params, ...levelParameters(levels.map(({ key, kinds }) => ({ ...relationsPageParams(key), kinds }))) });
  for (const row of rows) {
    levels.forEach(({ key }, index) => {
      const pages = row[levelColumn(index + 1)];
      if (!pages) throw new Error(`${statement.name} returned no ${levelColumn(index + 1)}`);
      primeRelations(loaders.relationsOf, key, pages);
    });
  }
  // The level columns stay on the rows, unread: copying each row without them cost more than the priming.
  return rows;
}
