import { ENTITY_KINDS, type EntityKind } from '../../model/kinds.ts';
import { parseKind } from '../arguments.ts';
import { builder } from '../builder.ts';
import { readEntityPage } from '../entity-pages.ts';
import { nullWhen } from '../root-fields.ts';
import { ErrorCode, clientError } from '../errors.ts';
import { EMPTY_PAGE, orderOf, toConnection, windowOf } from '../pages.ts';
import { readsCursors, readsOnlyIdentity } from '../projection.ts';
import { asOfArgs, asOfParams } from '../types/as-of.ts';
import { pageArgs } from '../types/connection.ts';
import { entityConnection } from '../types/entity-connection.ts';
import { EntityKindEnum } from '../types/entity.ts';
import { EntityRef } from '../types/entity-ref.ts';
import { orderArg } from '../types/order.ts';

const EntityConnection = entityConnection('Entity', EntityRef, 'entity');

const entityOrderArgs = orderArg(
  'Entity',
  'entities',
  {
    NAME: 'By name (then id). Read from an index in either direction.',
    START: 'By the year it started, existed from, happened or was signed; undated entities after the dated ones (ascending).',
    END: 'By the year it ended (a span stored without an end ends in the year it starts); undated entities after the dated ones (ascending).',
  },
  'NAME',
);

builder.queryFields((t) => ({
  entities: t.field({
    type: EntityConnection,
    nullable: true,
    description:
      'Entities by name, all or of some kinds; with `asOf`, those that existed, happened or were in force at that date (an entity\'s own time span decides: the Kirghiz SSR did not exist in 1881).' +
      nullWhen('an argument is refused (BAD_USER_INPUT: `kinds` with `kind`, `first`, `after`, `asOf`)'),
    args: {
      kinds: t.arg({ type: [EntityKindEnum], description: 'Only these kinds; all when left out or empty.' }),
      kind: t.arg.string({
        description: `Only this kind: one of ${ENTITY_KINDS.join(', ')} (any case).`,
        deprecationReason: 'Use `kinds: [EntityKind!]` (e.g. `kinds: [Pass]`), which tools can complete and check.',
      }),
      ...entityOrderArgs(t.arg),
      ...asOfArgs(t.arg),
      ...pageArgs(t.arg),
    },
    resolve: async function resolveEntities(_root, args, context, info) {
      const order = orderOf('entities', args.orderBy, 'NAME');
      const window = windowOf(args, order, readsCursors(info));
      if (args.kind != null && args.kinds != null) {
        throw clientError(ErrorCode.BadUserInput, 'Give `kinds` or the deprecated `kind`, not both.', { argument: 'kind' });
      }
      const kinds: readonly EntityKind[] = args.kind == null ? [...new Set(args.kinds ?? [])] : [parseKind(args.kind, 'kind', ENTITY_KINDS)];
      const asOf = asOfParams(args);
      const params = { kinds, ...window, slim: readsOnlyIdentity(info) };
      const [page] = await readEntityPage(params, asOf, order.field, context, info);
      return toConnection(page ?? EMPTY_PAGE, order);
    },
  }),
}));
