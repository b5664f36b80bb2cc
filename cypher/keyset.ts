/**
 * The end of every list query that counts what it matched: the matches, sorted by the list's order and collected
 * as entries, become the page after the keyset cursor `$after` (a key, or null for the first page): the `$first`
 * entries whose key sorts after it. An entry's key is the list of values it is sorted by, `keyOf(entry)`. Cypher
 * compares lists element by element, so one comparison places a key; since the entries are sorted, the ones at
 * or before `$after` are a prefix, and counting them gives where the page starts. An entry whose item was removed
 * since the cursor was made changes nothing: the page starts after the values it had.
 *
 * Keys are made only where they are used: for every entry only after a cursor, and for the page's entries only
 * when `$cursors` says a client reads cursors (most questions do not, and a key is a list for Bolt to carry).
 * `fields` projects one entry (bound to `entry`) to the fields the page returns besides its `key`; `carry` lists
 * columns passed through.
 */
export function keysetPage(matched: string, keyOf: (entry: string) => string, fields: string, carry = ''): string {
  return `WITH ${carry}${matched} AS matched
   WITH ${carry}matched, CASE WHEN $after IS NULL THEN 0 ELSE size([entry IN matched WHERE ${keyOf('entry')} <= $after]) END AS before
   RETURN ${carry}size(matched) AS total, before > 0 AS hasPrevious, before + $first < size(matched) AS hasNext,
     [entry IN matched[before..(before + $first)] | {key: CASE WHEN $cursors THEN ${keyOf('entry')} END, ${fields}}] AS items`;
}

/** The parameters every keyset page takes; `cursors`: whether the items' keys are read (to make cursors). */
export type KeysetParams = { after: readonly (string | number)[] | null; first: number; cursors: boolean };
