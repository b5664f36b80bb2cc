import type { ArgBuilder, FieldMap, ObjectRef } from '@pothos/core';
import { builder } from '../builder.ts';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, encodeCursor, type ConnectionShape, type PageInfoShape, type Positioned } from '../pages.ts';

export const PageInfo = builder.objectRef<PageInfoShape>('PageInfo').implement({
  description: 'Where a page sits in its list (Relay cursor connections).',
  fields: (t) => ({
    hasNextPage: t.exposeBoolean('hasNextPage', { description: 'Whether more items follow this page.' }),
    hasPreviousPage: t.exposeBoolean('hasPreviousPage', { description: 'Whether items come before this page.' }),
    startCursor: t.exposeString('startCursor', { nullable: true, description: 'The cursor of the first item on this page.' }),
    endCursor: t.exposeString('endCursor', { nullable: true, description: 'The cursor of the last item; pass it as `after` for the next page.' }),
  }),
});

type Types = typeof builder.$inferSchemaTypes;

/** The arguments every list takes. */
export function pageArgs(arg: ArgBuilder<typeof builder.$inferSchemaTypes>) {
  return {
    first: arg.int({ defaultValue: DEFAULT_PAGE_SIZE, description: `How many items to return: 0 to ${MAX_PAGE_SIZE}.` }),
    after: arg.string({
      description:
        'Start after this cursor: the `endCursor` of the previous page (or any edge\'s `cursor`). A cursor holds its item\'s place in the list\'s order, so the next page stays right when items are added or removed meanwhile.',
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
      edges: t.field({ type: [edge], description: text.edges, resolve: (c) => c.edges }),
      ...(extraFields?.(t) ?? {}),
    }),
  });
}
