// Keyset cursors (schema/pages.ts): each holds its item's values in the list's order and the name of that
// order; anything else a client sends as `after` is BAD_USER_INPUT with a message that says what to do.
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { ORDERS, encodeCursor, toConnection, windowOf } from '../../schema/pages.ts';

function refusal(after: string, order = ORDERS.treatiesByDate): { code: unknown; message: string } {
  try {
    windowOf({ after }, order);
  } catch (error) {
    if (error instanceof GraphQLError) return { code: error.extensions['code'], message: error.message };
    throw error;
  }
  throw new Error(`accepted ${after}`);
}

describe('keyset cursors', () => {
  it('carry the position of an item, and give it back for the same order', () => {
    const cursor = encodeCursor(ORDERS.treatiesByDate, [1881, 'Treaty of Saint Petersburg', 'treaty-of-saint-petersburg-1881']);
    expect(windowOf({ first: 5, after: cursor }, ORDERS.treatiesByDate)).toEqual({ first: 5, after: [1881, 'Treaty of Saint Petersburg', 'treaty-of-saint-petersburg-1881'], cursors: true });
    expect(windowOf({}, ORDERS.entitiesByName, false)).toEqual({ first: 20, after: null, cursors: false });
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
    expect(connection.edges).toEqual([{ node: 'B', key: ['b', 'b-id'], order: ORDERS.entitiesByName }]);
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
