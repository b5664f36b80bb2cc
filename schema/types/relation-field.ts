import type { ArgBuilder } from '@pothos/core';
import type { GraphQLResolveInfo } from 'graphql';
import type { Direction, RelatedRow } from '../../cypher/relations.ts';
import type { EntityRow } from '../../cypher/rows.ts';
import type { RelationType } from '../../model/relations.ts';
import type { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { ORDERS, toConnection, windowOf } from '../pages.ts';
import { READS_ONLY_ID, readsCursors, readsOnlyIdentity } from '../projection.ts';
import { asOfArgs, asOfParams, type AsOfArgs } from './as-of.ts';
import { pageArgs } from './connection.ts';
import { RelationConnection } from './relation.ts';

export interface RelationFieldSpec {
  readonly types: readonly RelationType[];
  readonly direction: Direction;
  readonly description: string;
}

/**
 * The options of a field that pages through an entity's relations of some types in one
 * direction, batched across every parent at the same level of the query (see
 * schema/loaders/relation-loaders.ts). Use as `t.field(relationField(t.arg, spec))`.
 */
export function relationField(arg: ArgBuilder<typeof builder.$inferSchemaTypes>, spec: RelationFieldSpec) {
  return {
    type: RelationConnection,
    description: spec.description,
    args: { ...asOfArgs(arg), ...pageArgs(arg) },
    // Needs only the parent's id; the relations' own rows are the loader's (see schema/projection.ts). What it
    // follows is on the field too, for tools that list the statements the schema can send (the Cypher snapshots).
    extensions: { ...READS_ONLY_ID, relationField: { types: spec.types, direction: spec.direction } },
    resolve: async (entity: EntityRow, args: AsOfArgs & { first?: number | null; after?: string | null }, { loaders }: Context, info: GraphQLResolveInfo) => {
      const window = windowOf(args, ORDERS.relationsByDate, readsCursors(info));
      const asOf = asOfParams(args);
      const page = await loaders.relationsOf.load({ id: entity.id, types: spec.types, direction: spec.direction, slim: readsOnlyIdentity(info), asOf, ...window });
      return toConnection<RelatedRow>(page, ORDERS.relationsByDate);
    },
  };
}
