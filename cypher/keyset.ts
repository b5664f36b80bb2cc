/**
 * The end of every list query that counts what it matched: the matches, sorted by the list's order and collected
 * as entries, become the page after the keyset cursor `$after` (a key, or null for the first page): the `$first`
 * entries whose key sorts after it. An entry's key is the list of values it is sorted by, `keyOf(entry)`. Cypher
 * compares lists element by element, so one comparison places a key; since the entries are sorted, the ones at
 * or before `$after` are a prefix, and counting them gives where the page starts. An entry whose item was removed
 * since the cursor was made changes nothing: the page starts after the values it had.
 *
 * Keys are made only where they are used: for every entry only after a cursor, and for the page's entries, as the
 * column `keys` (one per item, in order), only when `$cursors` says a client reads cursors; else `keys` is one null
 * (most questions read no cursor, and Bolt would carry a key with every item). `fields` projects one entry (bound
 * to `entry`) to an item; `carry` lists columns passed through.
 */
/** `matched` must name a variable holding the sorted entries. */
export function keysetPage(matched: string, keyOf: (entry: string) => string, fields: string, carry = ''): string {
  const page = `${matched}[before..(before + $first)]`;
  return `WITH ${carry}${matched}, CASE WHEN $after IS NULL THEN 0 ELSE size([entry IN ${matched} WHERE ${keyOf('entry')} <= $after]) END AS before
   RETURN ${carry}size(${matched}) AS total, before > 0 AS hasPrevious, before + $first < size(${matched}) AS hasNext,
     [entry IN ${page} | {${fields}}] AS items, CASE WHEN $cursors THEN [entry IN ${page} | ${keyOf('entry')}] END AS keys`;
}

/** The parameters every keyset page takes; `cursors`: whether the items' keys are read (to make cursors). */
export type KeysetParams = { after: readonly (string | number)[] | null; first: number; cursors: boolean };
