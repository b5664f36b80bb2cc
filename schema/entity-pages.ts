import type { GraphQLResolveInfo } from 'graphql';
import type { AsOfParams } from '../cypher/as-of.ts';
import { type EntitiesPageParams, entitiesAsOfPages, entitiesOfKindsAsOfPages, entitiesPagesByName, entitiesPagesByYear, forKinds, indexRead } from '../cypher/entities.ts';
import type { OrderField } from '../cypher/keyset.ts';
import { ENTITY_KINDS } from '../model/kinds.ts';
import type { Context } from './context.ts';
import { readPlanned } from './planned-read.ts';

/**
 * A page of entities of some kinds (none: all), in the order and as of the date asked, with the relations selected
 * beneath (planned-read.ts). By name or by a year, it reads an index in order from the cursor; as of a date, it seeks
 * the time bounds. `entities` reads its pages here, and so does `treaties` when nothing but the order narrows it.
 */
export function readEntityPage(params: EntitiesPageParams, asOf: AsOfParams, field: OrderField, context: Context, info: GraphQLResolveInfo) {
  if (asOf.asOfFrom !== null) return readPlanned(context, info, (params.kinds.length === 0 ? entitiesAsOfPages : entitiesOfKindsAsOfPages)[field], { ...params, ...asOf });
  const { read, from, to } = indexRead(params);
  if (field === 'NAME') return readPlanned(context, info, forKinds(entitiesPagesByName[read], params.kinds), { ...params, from, to });
  const kinds = params.kinds.length === 0 ? ENTITY_KINDS : params.kinds;
  return readPlanned(context, info, entitiesPagesByYear[field][read === 'up' ? 'up' : 'down'], { ...params, kinds, from, to });
}
