import type { ArgBuilder, FieldMap, ObjectRef } from '@pothos/core';
import { ErrorCode, clientError } from './errors.ts';
import { builder } from './builder.ts';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** Where a page starts and how long it is, from `first` and `after`. */
export type Window = {
  readonly offset: number;
  readonly first: number;
};

/** Every edge of every page gets a cursor: the first positions, where nearly all pages are, are encoded once. */
const CACHED_CURSORS = 10_000;
const cursors: string[] = [];

/**
 * Cursors are opaque to clients: base64url of a position in a list whose order is fixed
 * (by date, name, then id), so the same cursor gives the same page while the data is unchanged.
 */
export function encodeCursor(position: number): string {
  if (position >= CACHED_CURSORS) return Buffer.from(`v1:${position}`).toString('base64url');
  return (cursors[position] ??= Buffer.from(`v1:${position}`).toString('base64url'));
}

export function windowOf(args: { first?: number | null | undefined; after?: string | null | undefined }): Window {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw clientError(ErrorCode.BadUserInput, `\`first\` must be between 0 and ${MAX_PAGE_SIZE}; got ${first}.`, { argument: 'first' });
  }
  if (args.after === null || args.after === undefined) return { offset: 0, first };
  const match = /^v1:(\d{1,9})$/.exec(Buffer.from(args.after, 'base64url').toString());
  // Nine digits at most: a real position, and an offset Neo4j takes as an integer, never 1e20 or Infinity.
  if (!match?.[1]) {
    throw clientError(ErrorCode.BadUserInput, '`after` is not a cursor this API gave out; pass an `endCursor` from a previous page.', {
      argument: 'after',
    });
  }
  return { offset: Number(match[1]) + 1, first };
}

export interface PageInfoShape {
  readonly hasNextPage: boolean;
  readonly hasPreviousPage: boolean;
  readonly startCursor: string | null;
  readonly endCursor: string | null;
}

export const PageInfo = builder.objectRef<PageInfoShape>('PageInfo').implement({
  description: 'Where a page sits in its list (Relay cursor connections).',
  fields: (t) => ({
    hasNextPage: t.exposeBoolean('hasNextPage', { description: 'Whether more items follow this page.' }),
    hasPreviousPage: t.exposeBoolean('hasPreviousPage', { description: 'Whether items come before this page.' }),
    startCursor: t.exposeString('startCursor', { nullable: true, description: 'The cursor of the first item on this page.' }),
    endCursor: t.exposeString('endCursor', { nullable: true, description: 'The cursor of the last item; pass it as `after` for the next page.' }),
  }),
});

/** What a list query answers when Neo4j returns no row at all. */
export const EMPTY_PAGE = { total: 0, items: [] } as const;

/** BAD_USER_INPUT when a `from`/`to` year range is upside down. */
export function checkYearRange(args: { from?: number | null | undefined; to?: number | null | undefined }): void {
  if (args.from != null && args.to != null && args.from > args.to) {
    throw clientError(ErrorCode.BadUserInput, `\`from\` (${args.from}) is after \`to\` (${args.to}).`, { argument: 'from' });
  }
}

/** A page in connection form: each item with its cursor, the page info and the total. */
export interface ConnectionShape<T> {
  readonly totalCount: number;
  readonly pageInfo: PageInfoShape;
  readonly edges: readonly (T & { readonly cursor: string })[];
}

export function toConnection<T extends object>(page: { total: number; items: readonly T[] }, window: Window): ConnectionShape<T> {
  const edges = page.items.map((item, index) => ({ ...item, cursor: encodeCursor(window.offset + index) }));
  return {
    totalCount: page.total,
    edges,
    pageInfo: {
      hasNextPage: window.offset + page.items.length < page.total,
      hasPreviousPage: window.offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

/** The arguments every list takes. */
export function pageArgs(arg: ArgBuilder<typeof builder.$inferSchemaTypes>) {
  return {
    first: arg.int({ defaultValue: DEFAULT_PAGE_SIZE, description: `How many items to return: 0 to ${MAX_PAGE_SIZE}.` }),
    after: arg.string({ description: 'Start after this cursor: the `endCursor` of the previous page.' }),
  };
}

type Types = typeof builder.$inferSchemaTypes;

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
  edge: ObjectRef<Types, Item & { readonly cursor: string }>,
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
