import { entitiesAsOfPage, entitiesOfKindsAsOfPage, entitiesPage, forKinds } from '../../cypher/entities.ts';
import { ENTITY_KINDS, type EntityKind } from '../../model/kinds.ts';
import { parseKind } from '../arguments.ts';
import { builder } from '../builder.ts';
import { nullWhen } from '../root-fields.ts';
import { ErrorCode, clientError } from '../errors.ts';
import { EMPTY_PAGE, ORDERS, toConnection, windowOf } from '../pages.ts';
import { readsCursors, readsOnlyIdentity } from '../projection.ts';
import { asOfArgs, asOfParams } from '../types/as-of.ts';
import { pageArgs } from '../types/connection.ts';
import { entityConnection } from '../types/entity-connection.ts';
import { EntityKindEnum } from '../types/entity.ts';
import { EntityRef } from '../types/entity-ref.ts';

const EntityConnection = entityConnection('Entity', EntityRef, 'entity');

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
      ...asOfArgs(t.arg),
      ...pageArgs(t.arg),
    },
    resolve: async function resolveEntities(_root, args, { executor }, info) {
      const window = windowOf(args, ORDERS.entitiesByName, readsCursors(info));
      if (args.kind != null && args.kinds != null) {
        throw clientError(ErrorCode.BadUserInput, 'Give `kinds` or the deprecated `kind`, not both.', { argument: 'kind' });
      }
      const kinds: readonly EntityKind[] = args.kind == null ? [...new Set(args.kinds ?? [])] : [parseKind(args.kind, 'kind', ENTITY_KINDS)];
      const asOf = asOfParams(args);
      const params = { kinds, ...window, slim: readsOnlyIdentity(info) };
      const asOfPage = kinds.length === 0 ? entitiesAsOfPage : entitiesOfKindsAsOfPage;
      const [page] = asOf.asOfFrom === null ? await executor.read(forKinds(entitiesPage, kinds), params) : await executor.read(asOfPage, { ...params, ...asOf });
      return toConnection(page ?? EMPTY_PAGE, ORDERS.entitiesByName);
    },
  }),
}));
