import type { ArgBuilder } from '@pothos/core';
import type { GraphQLResolveInfo } from 'graphql';
import type { Direction, RelatedRow } from '../../cypher/relations.ts';
import type { EntityRow } from '../../cypher/rows.ts';
import type { RelationType } from '../../model/relations.ts';
import type { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { MAX_CONTAINMENT_DEPTH } from '../../cypher/containment.ts';
import { ErrorCode, clientError } from '../errors.ts';
import type { Loaders } from '../loaders/index.ts';
import type { RelationsPageKey } from '../loaders/relation-loaders.ts';
import { ORDERS, orderOf, toConnection, windowOf, type ListOrder, type OrderArgs, type PageArgs } from '../pages.ts';
import { READS_ONLY_ID, readsCursors, readsOnlyIdentity } from '../projection.ts';
import { asOfArgs, asOfParams, type AsOfArgs } from './as-of.ts';
import { pageArgs } from './connection.ts';
import { orderArg } from './order.ts';
import { RelationConnection } from './relation.ts';

export interface RelationFieldSpec {
  readonly types: readonly RelationType[];
  readonly direction: Direction;
  readonly description: string;
  /** A containment field (WITHIN, OUT or IN) that can follow the chain to any depth: it takes `transitive`. */
  readonly transitive?: boolean;
}

/** `orderBy` of every list of relations: typed relation fields and `Entity.relations`. */
export const relationOrderArgs = orderArg(
  'Relation',
  'relations',
  {
    NAME: 'By the name of the entity at the other end, then the relation\'s id.',
    START: 'By the year the entity at the other end starts, or the relation\'s own when that entity is undated; undated both, after the dated ones (ascending). The default.',
    END: 'By the year the entity at the other end ends, or the relation\'s own when that entity is undated (a span stored without an end ends in the year it starts); undated both, after the dated ones (ascending).',
  },
  'START',
);

type RelationArgs = AsOfArgs & PageArgs & { orderBy?: OrderArgs | null; transitive?: boolean | null };

/**
 * How a field that lists relations asks the relation loader for one parent's page: from the field's arguments and
 * selection, the key (but for the parent's id) and the order its cursors are made in. The resolver and the planner
 * (schema/relation-plan.ts), which reads the pages ahead and primes the loader with them, share it, so the planner
 * primes exactly the key the resolver will ask for. It is on the field as the extension RELATIONS_KEY.
 */
export type RelationsKeyOf<Args> = (args: Args, info: GraphQLResolveInfo) => { readonly order: ListOrder; readonly key: RelationsPageKey };
export const RELATIONS_KEY = 'relationsKey';

/**
 * One parent's page of relations, as a connection. The field's key is made once per request for all its parents:
 * they share its arguments and selection, and the executor gives every parent at one place in the query the same
 * `fieldNodes`.
 */
export async function loadRelations<Args>(keyOf: RelationsKeyOf<Args>, id: string, args: Args, loaders: Loaders, info: GraphQLResolveInfo) {
  let known = loaders.relationKeys.get(info.fieldNodes);
  if (!known) {
    known = keyOf(args, info);
    loaders.relationKeys.set(info.fieldNodes, known);
  }
  const page = await loaders.relationsOf.load({ id, page: known.key });
  return toConnection<RelatedRow>(page, known.order);
}

/** The page of relations a field's arguments ask: its order and window (see schema/pages.ts). */
export function relationWindow(args: RelationArgs, info: GraphQLResolveInfo) {
  const order = orderOf('relations', args.orderBy, 'START');
  return { order, window: { ...windowOf(args, order, readsCursors(info)), order: order.field } };
}

/** The same for a transitive containment list: by depth unless `orderBy` says otherwise. */
function containmentWindow(args: RelationArgs, info: GraphQLResolveInfo) {
  const order = args.orderBy ? orderOf('containment', args.orderBy, 'START') : { ...ORDERS.containmentByDepth, field: 'DEPTH' as const };
  if (args.asOf != null) {
    throw clientError(
      ErrorCode.BadUserInput,
      '`asOf` is not taken with `transitive: true`: ask `snapshot(around:, asOf:)`, whose `within` is the chain of containment as it stood then.',
      { argument: 'asOf' },
    );
  }
  return { order, window: { ...windowOf(args, order, readsCursors(info)), order: order.field, transitive: true as const } };
}

const TRANSITIVE_DESCRIPTION = `Follow the chain of containment to any depth, up to ${MAX_CONTAINMENT_DEPTH} steps (more than any real chain): every place reached once, by its shortest chain, its edge giving \`depth\` (1: directly) and the last step's relation. Ordered by depth, nearest first, unless \`orderBy\` says otherwise; not with \`asOf\`.`;

/**
 * The options of a field that pages through an entity's relations of some types in one
 * direction, batched across every parent at the same level of the query (see
 * schema/loaders/relation-loaders.ts). Use as `t.field(relationField(t.arg, spec))`.
 */
export function relationField(arg: ArgBuilder<typeof builder.$inferSchemaTypes>, spec: RelationFieldSpec) {
  const keyOf: RelationsKeyOf<RelationArgs> = (args, info) => {
    const { order, window } = args.transitive ? containmentWindow(args, info) : relationWindow(args, info);
    return { order, key: { types: spec.types, direction: spec.direction, slim: readsOnlyIdentity(info), asOf: asOfParams(args), ...window } };
  };
  return {
    type: RelationConnection,
    description: spec.description,
    args: {
      ...relationOrderArgs(arg),
      ...asOfArgs(arg),
      ...pageArgs(arg),
      ...(spec.transitive ? { transitive: arg.boolean({ defaultValue: false, description: TRANSITIVE_DESCRIPTION }) } : {}),
    },
    // Needs only the parent's id; the relations' own rows are the loader's (see schema/projection.ts). What it
    // follows is on the field too, for tools that list the statements the schema can send (the Cypher snapshots),
    // and so is how it asks the loader, for the planner that reads its pages ahead (schema/relation-plan.ts).
    extensions: { ...READS_ONLY_ID, relationField: { types: spec.types, direction: spec.direction }, [RELATIONS_KEY]: keyOf },
    resolve: (entity: EntityRow, args: RelationArgs, { loaders }: Context, info: GraphQLResolveInfo) => loadRelations(keyOf, entity.id, args, loaders, info),
  };
}
