import type { ArgBuilder, FieldMap, ObjectRef } from '@pothos/core';
import { builder } from '../builder.ts';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, edgesOf, encodeCursor, type ConnectionShape, type PageInfoShape, type Positioned } from '../pages.ts';

export const PageInfo = builder.objectRef<PageInfoShape>('PageInfo').implement({
  description: 'Where a page sits in its list (Relay cursor connections).',
  fields: (t) => ({
    hasNextPage: t.exposeBoolean('hasNextPage', { description: 'Whether items follow this page in the list (after `before` too, when paging backwards).' }),
    hasPreviousPage: t.exposeBoolean('hasPreviousPage', { description: 'Whether items come before this page in the list (before `after` too, when paging forwards).' }),
    startCursor: t.exposeString('startCursor', { nullable: true, description: 'The cursor of the first item; pass it as `before` (with `last`) for the previous page.' }),
    endCursor: t.exposeString('endCursor', { nullable: true, description: 'The cursor of the last item; pass it as `after` for the next page.' }),
  }),
});

type Types = typeof builder.$inferSchemaTypes;

/**
 * The arguments every list takes, as Relay's cursor connections define them: `first` items after `after`, or
 * `last` items before `before` (paging backwards); `after` and `before` together bound the list on both sides.
 */
export function pageArgs(arg: ArgBuilder<typeof builder.$inferSchemaTypes>) {
  return {
    first: arg.int({ description: `How many items to return from the start of the list (or after \`after\`): 0 to ${MAX_PAGE_SIZE}; ${DEFAULT_PAGE_SIZE} when neither \`first\` nor \`last\` is given.` }),
    after: arg.string({
      description:
        'Start after this cursor: the `endCursor` of the previous page (or any edge\'s `cursor`). A cursor holds its item\'s place in the list\'s order, so the next page stays right when items are added or removed meanwhile.',
    }),
    last: arg.int({ description: `How many items to return from the end of the list (or before \`before\`), to page backwards: 0 to ${MAX_PAGE_SIZE}. Not with \`first\`.` }),
    before: arg.string({
      description: 'End before this cursor: the `startCursor` of the page after (or any edge\'s `cursor`). With `last`, the page just before it; the items stay in the list\'s order.',
    }),
  };
}

/** The `cursor` of an edge, made from its item's place in the list only when a client asks for it. */
export function cursorField<Item extends object>(t: PothosSchemaTypes.ObjectFieldBuilder<Types, Positioned<Item>>, description: string) {
  return t.string({ description, resolve: (edge) => encodeCursor(edge.order, edge.key) });
}

export interface ConnectionText {
  /** Of the connection type. */
  readonly type: string;
  /** Of `totalCount`: what is counted. */
  readonly total: string;
  /** Of `edges`: what a page holds. */
  readonly edges: string;
}

/**
 * A `<Name>Connection` type: `totalCount`, `pageInfo` and `edges` of the given edge type, plus
 * any fields of its own (e.g. `nodes`). Every list of the API is one of these.
 */
export function connectionType<Item extends object>(
  name: string,
  edge: ObjectRef<Types, Positioned<Item>>,
  text: ConnectionText,
  extraFields?: (t: PothosSchemaTypes.ObjectFieldBuilder<Types, ConnectionShape<Item>>) => FieldMap,
) {
  return builder.objectRef<ConnectionShape<Item>>(`${name}Connection`).implement({
    description: text.type,
    fields: (t) => ({
      totalCount: t.exposeInt('totalCount', { description: text.total }),
      pageInfo: t.field({ type: PageInfo, description: 'Cursors and whether more pages exist.', resolve: (c) => c.pageInfo }),
      edges: t.field({ type: [edge], description: text.edges, resolve: edgesOf }),
      ...(extraFields?.(t) ?? {}),
    }),
  });
}
