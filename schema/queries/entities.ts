import { entitiesPage } from '../../cypher/entities.ts';
import { ENTITY_KINDS } from '../../model/kinds.ts';
import { parseKind } from '../arguments.ts';
import { builder } from '../builder.ts';
import { EMPTY_PAGE, toConnection, windowOf } from '../pages.ts';
import { readsOnlyIdentity } from '../projection.ts';
import { pageArgs } from '../types/connection.ts';
import { entityConnection, entityPage } from '../types/entity-connection.ts';
import { EntityRef } from '../types/entity-ref.ts';

const EntityConnection = entityConnection('Entity', EntityRef, 'entity');

builder.queryFields((t) => ({
  entities: t.field({
    type: EntityConnection,
    description: 'Entities by name, all or of one kind.',
    args: {
      kind: t.arg.string({ description: `Only this kind: one of ${ENTITY_KINDS.join(', ')} (any case).` }),
      ...pageArgs(t.arg),
    },
    resolve: async function resolveEntities(_root, args, { executor }, info) {
      const window = windowOf(args);
      const label = args.kind === null || args.kind === undefined ? 'Entity' : parseKind(args.kind, 'kind', ENTITY_KINDS);
      const query = entitiesPage.get(label);
      if (!query) throw new Error(`no page query for ${label}`);
      const [page] = await executor.read(query, { ...window, slim: readsOnlyIdentity(info) });
      return toConnection(entityPage(page ?? EMPTY_PAGE), window);
    },
  }),
}));
