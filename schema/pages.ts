import { ErrorCode, clientError } from './errors.ts';

/*
 * Pages of a list: where one starts and ends (from `first` and `after`), its cursors, and the
 * connection shape a page is answered in. Pure, so loaders and resolvers share it without the schema builder.
 */

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

/** What a list query answers when Neo4j returns no row at all. */
export const EMPTY_PAGE = { total: 0, items: [] } as const;

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
