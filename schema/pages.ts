import type { OrderField } from '../cypher/keyset.ts';
import type { CursorKey, PageRow } from '../cypher/rows.ts';
import { MAX_TEXT_LENGTH } from '../model/fixture-schema.ts';
import { ErrorCode, clientError } from './errors.ts';

/*
 * Pages of a list: where one starts and how long it is (from `first` and `after`, or `last` and `before`), in
 * which order (`orderBy`), its cursors, and the
 * connection shape a page is answered in. Pure, so loaders and resolvers share it without the schema builder.
 *
 * Cursors are keyset cursors: each holds the position of an item as the values the list is ordered by (a
 * treaty's year, name and id), with the name of that order, so the page after it is "what sorts after those
 * values" (or, with `before`, "what sorts before them") and stays right when items are added or removed
 * elsewhere. A descending order is the ascending one read from its end, so its cursors hold the same values but
 * name another order. A cursor is opaque to clients:
 * base64url of `{"v":2,"o":<order>,"k":<values>}`. A cursor of another order, an offset cursor of version 1,
 * or anything else is BAD_USER_INPUT.
 */

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
const CURSOR_VERSION = 2;

export const ORDER_DIRECTIONS = ['ASC', 'DESC'] as const;
export type OrderDirection = (typeof ORDER_DIRECTIONS)[number];

/** An order a list is read in, and the types of the values that place an item in it. */
export interface ListOrder {
  /** Names the list and its order, e.g. "treaties by year, name, id"; a cursor carries it. */
  readonly name: string;
  readonly key: readonly ('number' | 'string')[];
  /** Whether the list runs from the largest key down: the same keys, read from the other end. */
  readonly descending?: boolean;
}

/** The orders of our lists as they were before `orderBy`: each is its list's default, and its cursors stay valid. */
export const ORDERS = {
  entitiesByName: { name: 'entities by name, id', key: ['string', 'string'] },
  treatiesByDate: { name: 'treaties by year, name, id', key: ['number', 'string', 'string'] },
  relationsByDate: { name: 'relations by year, name, id', key: ['number', 'string', 'string'] },
  timeline: { name: 'timeline by year, entities first, name, id', key: ['number', 'number', 'string', 'string'] },
  containmentByDepth: { name: 'containment by depth, name, id', key: ['number', 'string', 'string'] },
  // The score is stored negated, so that every order is ascending in all its values.
  searchByScore: { name: 'search hits by score, name, id', key: ['number', 'string', 'string'] },
  changesBySequence: { name: 'changes by sequence', key: ['number'] },
} as const satisfies Record<string, ListOrder>;

/** The lists a client can order, each by every field; the cypher/ module of each sorts by exactly these keys. */
const ORDERABLE = {
  entities: { NAME: ORDERS.entitiesByName, START: { name: 'entities by start year, name, id', key: ['number', 'string', 'string'] }, END: { name: 'entities by end year, name, id', key: ['number', 'string', 'string'] } },
  treaties: { NAME: { name: 'treaties by name, id', key: ['string', 'string'] }, START: ORDERS.treatiesByDate, END: { name: 'treaties by end year, name, id', key: ['number', 'string', 'string'] } },
  relations: { NAME: { name: 'relations by name, id', key: ['string', 'string'] }, START: ORDERS.relationsByDate, END: { name: 'relations by end year, name, id', key: ['number', 'string', 'string'] } },
  // Transitive containment (`within`/`contains` with `transitive: true`): lists of their own, by depth unless asked.
  containment: {
    NAME: { name: 'containment by name, id', key: ['string', 'string'] },
    START: { name: 'containment by year, name, id', key: ['number', 'string', 'string'] },
    END: { name: 'containment by end year, name, id', key: ['number', 'string', 'string'] },
  },
  timeline: {
    NAME: { name: 'timeline by name, id', key: ['string', 'string'] },
    START: ORDERS.timeline,
    END: { name: 'timeline by end year, entities first, name, id', key: ['number', 'number', 'string', 'string'] },
  },
} as const satisfies Record<string, Record<OrderField, ListOrder>>;

export type OrderableList = keyof typeof ORDERABLE;

/** What `orderBy` asks: a field and a direction, each defaulted by the list. */
export interface OrderArgs {
  readonly field?: OrderField | null;
  readonly direction?: OrderDirection | null;
}

/** The order `orderBy` asks of a list (its default field, ascending, when left out); a cursor names it. */
export function orderOf(list: OrderableList, orderBy: OrderArgs | null | undefined, defaultField: OrderField): ListOrder & { readonly field: OrderField } {
  const field = orderBy?.field ?? defaultField;
  const order: ListOrder = ORDERABLE[list][field];
  return orderBy?.direction === 'DESC' ? { ...order, name: `${order.name}, descending`, descending: true, field } : { ...order, field };
}

/**
 * Where a page starts and how long it is (from `first`/`after` or `last`/`before`), and whether the client reads
 * cursors (schema/projection.ts), without which the query need not return the items' keys. `first` is the page's
 * length either way; `backward` says it is the last `first` items before `before` rather than the first after `after`.
 * `descending` reads the list's order from its other end.
 */
export type Window = {
  readonly first: number;
  readonly backward: boolean;
  readonly after: CursorKey | null;
  readonly before: CursorKey | null;
  readonly descending: boolean;
  readonly cursors: boolean;
};

export interface PageArgs {
  readonly first?: number | null | undefined;
  readonly last?: number | null | undefined;
  readonly after?: string | null | undefined;
  readonly before?: string | null | undefined;
}

export function windowOf(args: PageArgs, order: ListOrder, cursors = true): Window {
  if (args.first != null && args.last != null) {
    throw clientError(ErrorCode.BadUserInput, 'Give `first` (to page forwards) or `last` (to page backwards), not both.', { argument: 'last' });
  }
  const backward = args.last != null;
  const first = checkSize(args.last ?? args.first ?? DEFAULT_PAGE_SIZE, backward ? 'last' : 'first');
  return {
    first,
    backward,
    after: args.after == null ? null : decodeCursor(args.after, order, 'after'),
    before: args.before == null ? null : decodeCursor(args.before, order, 'before'),
    descending: order.descending === true,
    cursors,
  };
}

function checkSize(size: number, argument: 'first' | 'last'): number {
  if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE) {
    throw clientError(ErrorCode.BadUserInput, `\`${argument}\` must be between 0 and ${MAX_PAGE_SIZE}; got ${size}.`, { argument });
  }
  return size;
}

export function encodeCursor(order: ListOrder, key: CursorKey | null): string {
  // The query leaves keys out only when the selection reads no cursor (schema/projection.ts).
  if (key === null) throw new Error(`a cursor of ${order.name} was read, but its query was told none would be`);
  return Buffer.from(JSON.stringify({ v: CURSOR_VERSION, o: order.name, k: key })).toString('base64url');
}

function decodeCursor(cursor: string, order: ListOrder, argument: 'after' | 'before'): CursorKey {
  const text = Buffer.from(cursor, 'base64url').toString();
  if (/^v1:\d+$/.test(text)) {
    throw badCursor(
      argument,
      'is an offset cursor of an earlier version of this API; cursors now hold the position of an item, so that pages stay right when items come and go. Ask for the first page again (without `after`) and go on from its `endCursor`.',
    );
  }
  const parsed = parseJson(text);
  if (!isCursor(parsed)) throw badCursor(argument, 'is not a cursor this API gave out; pass the `startCursor` or `endCursor` of a page of this list (or the `cursor` of one of its edges).');
  if (parsed.o !== order.name) throw badCursor(argument, `is a cursor of ${parsed.o}, but this list is ordered as ${order.name}; pass a cursor of this list in this order (a cursor holds its place in one order only).`);
  const valid = parsed.k.length === order.key.length && parsed.k.every((value, index) => typeof value === order.key[index] && fits(value));
  if (!valid) throw badCursor(argument, 'is not a cursor this API gave out; pass the `startCursor` or `endCursor` of a page of this list (or the `cursor` of one of its edges).');
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

function badCursor(argument: 'after' | 'before', problem: string) {
  return clientError(ErrorCode.BadUserInput, `\`${argument}\` ${problem}`, { argument });
}

export interface PageInfoShape {
  readonly hasNextPage: boolean;
  readonly hasPreviousPage: boolean;
  readonly startCursor: string | null;
  readonly endCursor: string | null;
}

/** What a list query answers when Neo4j returns no row at all. */
export const EMPTY_PAGE = { total: 0, hasPrevious: false, hasNext: false, items: [], keys: null } as const;

/**
 * An item of a page and where it stands in its list (a key when cursors are read); its edge's `cursor` is made from
 * these when asked for. The item is held, not copied: a page of a heavy question has thousands of them.
 */
export interface Positioned<T> {
  readonly item: T;
  readonly key: CursorKey | null;
  readonly order: ListOrder;
}

/** A page in connection form: the total, the page info, and the items with where they stand, from which its edges are made when read. */
export interface ConnectionShape<T> {
  readonly totalCount: number;
  readonly pageInfo: PageInfoShape;
  readonly items: readonly T[];
  readonly keys: readonly CursorKey[] | null;
  readonly order: ListOrder;
}

export function toConnection<T extends object>(page: PageRow<T>, order: ListOrder): ConnectionShape<T> {
  const { items, keys } = page;
  const startKey = keys?.[0];
  const endKey = keys?.at(-1);
  return {
    totalCount: page.total,
    items,
    keys,
    order,
    pageInfo: {
      hasNextPage: page.hasNext,
      hasPreviousPage: page.hasPrevious,
      startCursor: startKey ? encodeCursor(order, startKey) : null,
      endCursor: endKey ? encodeCursor(order, endKey) : null,
    },
  };
}

/** The edges of a connection: each item with its position, made only when a client reads `edges` (`nodes` reads the items). */
export function edgesOf<T>({ items, keys, order }: ConnectionShape<T>): Positioned<T>[] {
  return items.map((item, index) => ({ item, key: keys?.[index] ?? null, order }));
}
