// Keyset cursors (schema/pages.ts): each holds its item's values in the list's order and the name of that
// order; anything else a client sends as `after` is BAD_USER_INPUT with a message that says what to do.
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { ORDERS, edgesOf, encodeCursor, orderOf, toConnection, windowOf } from '../../schema/pages.ts';

/** The code and message a page's arguments are refused with. */
function refused(read: () => unknown): { code: unknown; message: string } {
  try {
    read();
  } catch (error) {
    if (error instanceof GraphQLError) return { code: error.extensions['code'], message: error.message };
    throw error;
  }
  throw new Error('accepted');
}

function refusal(after: string, order = ORDERS.treatiesByDate): { code: unknown; message: string } {
  return refused(() => windowOf({ after }, order));
}

/** The message of a BAD_USER_INPUT refusal. */
function rejects(read: () => unknown): string {
  const { code, message } = refused(read);
  expect(code).toBe('BAD_USER_INPUT');
  return message;
}

describe('keyset cursors', () => {
  it('carry the position of an item, and give it back for the same order', () => {
    const cursor = encodeCursor(ORDERS.treatiesByDate, [1881, 'Treaty of Saint Petersburg', 'treaty-of-saint-petersburg-1881']);
    const key = [1881, 'Treaty of Saint Petersburg', 'treaty-of-saint-petersburg-1881'];
    expect(windowOf({ first: 5, after: cursor }, ORDERS.treatiesByDate)).toEqual({ first: 5, backward: false, after: key, before: null, descending: false, cursors: true });
    expect(windowOf({}, ORDERS.entitiesByName, false)).toEqual({ first: 20, backward: false, after: null, before: null, descending: false, cursors: false });
  });

  it('page backwards with `last` and `before`, and read a descending order from the end', () => {
    const descending = orderOf('treaties', { field: 'START', direction: 'DESC' }, 'START');
    expect(descending).toMatchObject({ name: 'treaties by year, name, id, descending', descending: true, field: 'START' });
    const cursor = encodeCursor(descending, [1881, 'Treaty of Saint Petersburg', 'treaty-of-saint-petersburg-1881']);
    expect(windowOf({ last: 3, before: cursor }, descending)).toEqual({
      first: 3,
      backward: true,
      after: null,
      before: [1881, 'Treaty of Saint Petersburg', 'treaty-of-saint-petersburg-1881'],
      descending: true,
      cursors: true,
    });
    expect(windowOf({ last: 7 }, ORDERS.timeline)).toMatchObject({ first: 7, backward: true, before: null });
    // The default order of each list keeps the name its cursors had before `orderBy`.
    expect(orderOf('treaties', null, 'START').name).toBe(ORDERS.treatiesByDate.name);
    expect(orderOf('entities', { direction: 'ASC' }, 'NAME').name).toBe(ORDERS.entitiesByName.name);
  });

  it('refuse `first` with `last`, a `last` out of range and a cursor of the same list in another order', () => {
    expect(rejects(() => windowOf({ first: 2, last: 2 }, ORDERS.timeline))).toMatch(/not both/);
    expect(rejects(() => windowOf({ last: -1 }, ORDERS.timeline))).toMatch(/`last` must be between 0 and 100/);
    const ascending = encodeCursor(ORDERS.entitiesByName, ['Ili Valley', 'ili-valley']);
    expect(rejects(() => windowOf({ before: ascending }, orderOf('entities', { field: 'NAME', direction: 'DESC' }, 'NAME')))).toMatch(
      /^`before` is a cursor of entities by name, id, but this list is ordered as entities by name, id, descending/,
    );
  });

  it('refuse an offset cursor of version 1, saying how to page again', () => {
    const old = Buffer.from('v1:19').toString('base64url');
    expect(refusal(old)).toEqual({ code: 'BAD_USER_INPUT', message: expect.stringMatching(/offset cursor .* Ask for the first page again \(without `after`\)/) });
  });

  it('refuse a cursor made for another order: one list cannot page another', () => {
    const entities = encodeCursor(ORDERS.entitiesByName, ['Ili Valley', 'ili-valley']);
    expect(refusal(entities)).toEqual({ code: 'BAD_USER_INPUT', message: expect.stringMatching(/a cursor of entities by name, id, but this list is ordered as treaties by year, name, id/) });
    const relations = encodeCursor(ORDERS.relationsByDate, [1881, 'Ili Valley', 'x']);
    expect(refusal(relations).message).toMatch(/cursor of relations by year, name, id/);
  });

  it('refuse anything forged: not base64 JSON, the wrong version, values of the wrong type or number', () => {
    const forged = [
      'bm90IGEgY3Vyc29y',
      '',
      Buffer.from(JSON.stringify({ v: 3, o: ORDERS.treatiesByDate.name, k: [1, 'a', 'b'] })).toString('base64url'),
      Buffer.from(JSON.stringify({ v: 2, o: ORDERS.treatiesByDate.name, k: ['1881', 'a', 'b'] })).toString('base64url'),
      Buffer.from(JSON.stringify({ v: 2, o: ORDERS.treatiesByDate.name, k: [1881, 'a'] })).toString('base64url'),
      Buffer.from(JSON.stringify({ v: 2, o: ORDERS.treatiesByDate.name, k: [1881, 'a', 'x'.repeat(20_000)] })).toString('base64url'),
      Buffer.from(JSON.stringify({ v: 2, o: ORDERS.treatiesByDate.name, k: [null, 'a', 'b'] })).toString('base64url'),
    ];
    for (const cursor of forged) expect(refusal(cursor), cursor).toEqual({ code: 'BAD_USER_INPUT', message: expect.stringMatching(/^`after` is not a cursor this API gave out/) });
  });

  it('make page info from what the query says lies before and after the page', () => {
    const page = { total: 3, hasPrevious: true, hasNext: false, items: [{ node: 'B' }], keys: [['b', 'b-id']] };
    const connection = toConnection(page, ORDERS.entitiesByName);
    expect(edgesOf(connection)).toEqual([{ item: { node: 'B' }, key: ['b', 'b-id'], order: ORDERS.entitiesByName }]);
    expect(connection.pageInfo).toEqual({
      hasNextPage: false,
      hasPreviousPage: true,
      startCursor: encodeCursor(ORDERS.entitiesByName, ['b', 'b-id']),
      endCursor: encodeCursor(ORDERS.entitiesByName, ['b', 'b-id']),
    });
    expect(connection.totalCount).toBe(3);
    // A query told no cursor would be read returns no keys: the page has no cursors to give.
    expect(toConnection({ ...page, keys: null }, ORDERS.entitiesByName).pageInfo).toMatchObject({ startCursor: null, endCursor: null });
  });
});
