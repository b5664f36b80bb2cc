/**
 * The end of every list query that counts what it matched: the matches, sorted ascending by the list's order and
 * collected as entries, become one page. An entry's key is the list of values it is sorted by, `keyOf(entry)`;
 * Cypher compares lists element by element, so one comparison places a key. With `$descending` the entries are
 * read from the end. In that reading, the entries at or before the cursor `$after` are a prefix, and so are those
 * before the cursor `$before`: counting them gives the window between the two cursors, and the page is its first
 * `$first` entries, or with `$backward` (a client's `last`) its last `$first`. An entry whose item was removed
 * since the cursor was made changes nothing: the window starts after (or ends before) the values it had.
 *
 * Keys are made only where they are used: for every entry only when a cursor is given (once, for both cursors), and
 * for the page's entries, as the column `keys` (one per item, in order), only when `$cursors` says a client reads
 * cursors; else `keys` is one null (most questions read no cursor, and Bolt would carry a key with every item). The
 * key's text is written twice, not once per use: every statement's text is sent and read with every request.
 * `item` projects one entry (bound to `entry`) to an item (a map, or a list where the caller reads one); `carry` lists
 * columns passed through.
 */
/** `matched` must name a variable holding the sorted entries. */
export function keysetPage(matched: string, keyOf: (entry: string) => string, item: string, carry = ''): string {
  const key = keyOf('entry');
  const page = `ordered[start..end]`;
  return `WITH ${carry}CASE WHEN $descending THEN reverse(${matched}) ELSE ${matched} END AS ordered
   WITH ${carry}ordered, CASE WHEN $after IS NULL AND $before IS NULL THEN [] ELSE [entry IN ordered | ${key}] END AS placed
   WITH ${carry}ordered,
     CASE WHEN $after IS NULL THEN 0 ELSE size([key IN placed WHERE CASE WHEN $descending THEN key >= $after ELSE key <= $after END]) END AS low,
     CASE WHEN $before IS NULL THEN size(ordered) ELSE size([key IN placed WHERE CASE WHEN $descending THEN key > $before ELSE key < $before END]) END AS high
   WITH ${carry}ordered, low, CASE WHEN high < low THEN low ELSE high END AS high
   WITH ${carry}ordered,
     CASE WHEN NOT $backward THEN low WHEN high - $first > low THEN high - $first ELSE low END AS start,
     CASE WHEN $backward THEN high WHEN low + $first < high THEN low + $first ELSE high END AS end
   RETURN ${carry}size(ordered) AS total, start > 0 AS hasPrevious, end < size(ordered) AS hasNext,
     [entry IN ${page} | ${item}] AS items, CASE WHEN $cursors THEN [entry IN ${page} | ${key}] END AS keys`;
}

/** What a list can be ordered by (a client's `orderBy: {field}`): each list's query says what each means to it. */
export const ORDER_FIELDS = ['NAME', 'START', 'END'] as const;
export type OrderField = (typeof ORDER_FIELDS)[number];

/** One statement per order a list can be read in: the ORDER BY is part of the text, so each is planned apart. */
export function statementPerOrder<S>(statement: (order: OrderField) => S): Readonly<Record<OrderField, S>> {
  return { NAME: statement('NAME'), START: statement('START'), END: statement('END') };
}

/** A cursor's values as a query receives them. */
type Key = readonly (string | number)[] | null;

/**
 * The parameters every keyset page takes (see schema/pages.ts `Window`): the page's length `first`, from `after`
 * onwards or (`backward`) up to `before`; `descending`: the list read from its end; `cursors`: whether the items'
 * keys are read (to make cursors).
 */
export type KeysetParams = { after: Key; before: Key; first: number; backward: boolean; descending: boolean; cursors: boolean };
