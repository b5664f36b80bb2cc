import type { CursorKey, PageRow } from '../cypher/rows.ts';
import { MAX_TEXT_LENGTH } from '../model/fixture-schema.ts';
import { ErrorCode, clientError } from './errors.ts';

/*
 * Pages of a list: where one starts and how long it is (from `first` and `after`), its cursors, and the
 * connection shape a page is answered in. Pure, so loaders and resolvers share it without the schema builder.
 *
 * Cursors are keyset cursors: each holds the position of an item as the values the list is ordered by (a
 * treaty's year, name and id), with the name of that order, so the page after it is "what sorts after those
 * values" and stays right when items are added or removed before it. A cursor is opaque to clients:
 * base64url of `{"v":2,"o":<order>,"k":<values>}`. A cursor of another order, an offset cursor of version 1,
 * or anything else is BAD_USER_INPUT.
 */

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
const CURSOR_VERSION = 2;

/** An order a list is read in, and the types of the values that place an item in it. */
export interface ListOrder {
  /** Names the list and its order, e.g. "treaties by date, name, id"; a cursor carries it. */
  readonly name: string;
  readonly key: readonly ('number' | 'string')[];
}

/** The orders of our lists; each list's query sorts by exactly these values (cypher/). */
export const ORDERS = {
  entitiesByName: { name: 'entities by name, id', key: ['string', 'string'] },
  treatiesByDate: { name: 'treaties by year, name, id', key: ['number', 'string', 'string'] },
  relationsByDate: { name: 'relations by year, name, id', key: ['number', 'string', 'string'] },
  timeline: { name: 'timeline by year, entities first, name, id', key: ['number', 'number', 'string', 'string'] },
  // The score is stored negated, so that every order is ascending in all its values.
  searchByScore: { name: 'search hits by score, name, id', key: ['number', 'string', 'string'] },
  changesBySequence: { name: 'changes by sequence', key: ['number'] },
} as const satisfies Record<string, ListOrder>;

/**
 * Where a page starts (after the item at `after`, or at the beginning), how long it is, and whether the client
 * reads cursors (schema/projection.ts), without which the query need not return the items' keys.
 */
export type Window = {
  readonly first: number;
  readonly after: CursorKey | null;
  readonly cursors: boolean;
};

export function windowOf(args: { first?: number | null | undefined; after?: string | null | undefined }, order: ListOrder, cursors = true): Window {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw clientError(ErrorCode.BadUserInput, `\`first\` must be between 0 and ${MAX_PAGE_SIZE}; got ${first}.`, { argument: 'first' });
  }
  return { first, after: args.after == null ? null : decodeCursor(args.after, order), cursors };
}

export function encodeCursor(order: ListOrder, key: CursorKey | null): string {
  // The query leaves keys out only when the selection reads no cursor (schema/projection.ts).
  if (key === null) throw new Error(`a cursor of ${order.name} was read, but its query was told none would be`);
  return Buffer.from(JSON.stringify({ v: CURSOR_VERSION, o: order.name, k: key })).toString('base64url');
}

function decodeCursor(cursor: string, order: ListOrder): CursorKey {
  const text = Buffer.from(cursor, 'base64url').toString();
  if (/^v1:\d+$/.test(text)) {
    throw badCursor(
      'is an offset cursor of an earlier version of this API; cursors now hold the position of an item, so that pages stay right when items come and go. Ask for the first page again (without `after`) and go on from its `endCursor`.',
    );
  }
  const parsed = parseJson(text);
  if (!isCursor(parsed)) throw badCursor('is not a cursor this API gave out; pass the `endCursor` of a page of this list (or the `cursor` of one of its edges).');
  if (parsed.o !== order.name) throw badCursor(`is a cursor of ${parsed.o}, but this list is ordered as ${order.name}; pass a cursor of this list.`);
  const valid = parsed.k.length === order.key.length && parsed.k.every((value, index) => typeof value === order.key[index] && fits(value));
  if (!valid) throw badCursor('is not a cursor this API gave out; pass the `endCursor` of a page of this list (or the `cursor` of one of its edges).');
  return parsed.k;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // Not JSON: not one of ours, which the caller says.
    return undefined;
  }
}

function isCursor(value: unknown): value is { v: number; o: string; k: (string | number)[] } {
  if (typeof value !== 'object' || value === null) return false;
  const { v, o, k } = value as Record<string, unknown>;
  return v === CURSOR_VERSION && typeof o === 'string' && Array.isArray(k);
}

/** A value our lists could have sorted by: a finite number, or a string no longer than an id or a name. */
function fits(value: string | number): boolean {
  return typeof value === 'number' ? Number.isFinite(value) : value.length <= MAX_TEXT_LENGTH;
}

function badCursor(problem: string) {
  return clientError(ErrorCode.BadUserInput, `\`after\` ${problem}`, { argument: 'after' });
}

export interface PageInfoShape {
  readonly hasNextPage: boolean;
  readonly hasPreviousPage: boolean;
  readonly startCursor: string | null;
  readonly endCursor: string | null;
}

/** What a list query answers when Neo4j returns no row at all. */
export const EMPTY_PAGE = { total: 0, hasPrevious: false, hasNext: false, items: [], keys: null } as const;

/** An item of a page and where it stands in its list (a key when cursors are read); its edge's `cursor` is made from these when asked for. */
export type Positioned<T> = T & { readonly key: CursorKey | null; readonly order: ListOrder };

/** A page in connection form: each item with its position, the page info and the total. */
export interface ConnectionShape<T> {
  readonly totalCount: number;
  readonly pageInfo: PageInfoShape;
  readonly edges: readonly Positioned<T>[];
}

export function toConnection<T extends object>(page: PageRow<T>, order: ListOrder): ConnectionShape<T> {
  const edges = page.items.map((item, index) => ({ ...item, key: page.keys?.[index] ?? null, order }));
  const [first] = edges;
  const last = edges.at(-1);
  return {
    totalCount: page.total,
    edges,
    pageInfo: {
      hasNextPage: page.hasNext,
      hasPreviousPage: page.hasPrevious,
      startCursor: first?.key ? encodeCursor(order, first.key) : null,
      endCursor: last?.key ? encodeCursor(order, last.key) : null,
    },
  };
}
