import { builder } from '../builder.ts';
import type { Loaders } from '../loaders/index.ts';
import { nullWhen } from '../root-fields.ts';
import { ErrorCode, clientError } from '../errors.ts';
import { MAX_PAGE_SIZE } from '../pages.ts';
import { resolveRef } from '../resolve-ref.ts';
import { EntityRef, NodeRef } from '../types/entity-ref.ts';

/** An entity or a relation: only a relation's id holds "--", which no entity's slug can. */
function nodeById(loaders: Loaders, id: string) {
  return id.includes('--') ? loaders.relationById.load(id) : loaders.entityById.load(id);
}

builder.queryFields((t) => ({
  node: t.field({
    type: NodeRef,
    nullable: true,
    description: `Fetches any object by its global id (Relay): an entity, or a relation (its \`id\`, which holds "--"); null when there is none, without an error.${nullWhen()}`,
    args: { id: t.arg.id({ required: true, description: 'The id, e.g. "treaty-of-tarbagatai".' }) },
    resolve: function resolveNode(_root, { id }, { loaders }) {
      return nodeById(loaders, String(id));
    },
  }),
  nodes: t.field({
    type: [NodeRef],
    nullable: { list: true, items: true },
    description: `Fetches up to ${MAX_PAGE_SIZE} objects (entities or relations) by id, in the order given; null for each unknown id, without an error.${nullWhen(`more than ${MAX_PAGE_SIZE} ids are given (BAD_USER_INPUT)`)}`,
    args: { ids: t.arg.idList({ required: true, description: 'The ids.' }) },
    resolve: function resolveNodes(_root, { ids }, { loaders }) {
      if (ids.length > MAX_PAGE_SIZE) {
        throw clientError(ErrorCode.BadUserInput, `\`ids\`: at most ${MAX_PAGE_SIZE} at a time; got ${ids.length}.`, { argument: 'ids' });
      }
      return Promise.all(ids.map((id) => nodeById(loaders, String(id))));
    },
  }),
  entity: t.field({
    type: EntityRef,
    nullable: true,
    description: `One entity by its id, or by its name or an alias in any case ("Ili basin").${nullWhen('the reference names nothing (NOT_FOUND, with suggestions) or several entities (AMBIGUOUS, with the candidates)')}`,
    args: { id: t.arg.id({ required: true, description: 'An id, a name or an alias.' }) },
    resolve: async function resolveEntity(_root, { id }, context) {
      return context.loaders.entityById.load(await resolveRef(context, String(id), 'id'));
    },
  }),
}));
