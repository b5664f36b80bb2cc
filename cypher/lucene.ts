/**
 * Lucene query strings for the full-text index. User text never reaches Lucene's syntax: it is
 * split into words of letters and digits, or quoted as a phrase with its quotes escaped.
 */

/** No name has a longer word; a fuzzy query on a much longer one makes Lucene give up ("automaton too large"). */
export const MAX_WORD_LENGTH = 64;

/** Words of a search, lower-cased, without any character Lucene treats as syntax, at most 16 of them. */
export function searchWords(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0)
    .map((word) => word.slice(0, MAX_WORD_LENGTH))
    .slice(0, 16);
}

/**
 * Ranked and typo-tolerant: an exact word counts most, then a prefix, then a fuzzy match (up to
 * two edits for longer words, so "Irkestam" finds "Irkeshtam"). Words are alternatives; more
 * matching words rank higher.
 */
export function fuzzyQuery(words: readonly string[]): string {
  return words
    .map((word) => {
      const fuzzy = word.length >= 6 ? `${word}~2` : word.length >= 3 ? `${word}~1` : word;
      return `(${word}^4 OR ${word}*^2 OR ${fuzzy})`;
    })
    .join(' OR ');
}

/** The exact phrase in the name fields; inside quotes only `"` and `\` need escaping. */
export function namePhraseQuery(text: string): string {
  const phrase = `"${text.replace(/["\\]/g, '\\$&')}"`;
  return `name:${phrase} OR aliasText:${phrase}`;
}
