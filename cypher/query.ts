/**
 * A named Cypher query with the types of its parameters and rows. The text is fixed at module
 * load: parameters go in `$params`, and labels or relationship types only ever come from the
 * model's allow-lists, never from a request.
 */
export interface CypherQuery<Params extends Record<string, unknown>, Row> {
  readonly name: string;
  readonly text: string;
  /** Never set: carries the parameter and row types for the executor. */
  readonly types?: { params: Params; row: Row };
}

export function cypher<Params extends Record<string, unknown>, Row>(name: string, text: string): CypherQuery<Params, Row> {
  return { name, text: compact(text) };
}

/**
 * The text without `//` comments and with each run of whitespace as one space, quoted names and strings untouched.
 * It is sent with every request, and the driver writes to the socket once per 1,400 bytes: a long indented
 * statement cost our largest query three writes where one would do.
 */
export function compact(text: string): string {
  return rewriteOutsideQuotes(text, (at, written) => {
    const char = text.charAt(at);
    if (char === '/' && text.charAt(at + 1) === '*') {
      // Rare enough not to parse: refused when the module loads, so the mistake cannot reach Neo4j.
      throw new Error(`block comments are not supported in Cypher texts; use // comments: ${text.slice(at, at + 40)}`);
    }
    if (char === '/' && text.charAt(at + 1) === '/') {
      const end = text.indexOf('\n', at);
      return ['', end === -1 ? text.length - 1 : end - 1];
    }
    if (/\s/.test(char)) return [written !== '' && !written.endsWith(' ') ? ' ' : '', at];
    return [char, at];
  }).trimEnd();
}

/**
 * The text with every parameter `$name` renamed `$<prefix>name`, quoted names and strings untouched: for a statement
 * that runs one of our texts several times with other values (cypher/planned-pages.ts). The prefix is ours, never a
 * request's.
 */
export function scopeParameters(text: string, prefix: string): string {
  if (!/^[A-Za-z]\w*$/.test(prefix)) throw new Error(`not a parameter prefix: ${prefix}`);
  return rewriteOutsideQuotes(text, (at) => [text.charAt(at) === '$' ? `$${prefix}` : text.charAt(at), at]);
}

/**
 * Copies a Cypher text, quoted names and strings as they are; each character outside them is handed to `rewrite`
 * (with what was written so far), which says what to write for it and the last character that consumed.
 */
function rewriteOutsideQuotes(text: string, rewrite: (at: number, written: string) => readonly [write: string, last: number]): string {
  let out = '';
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const char = text.charAt(i);
    if (quote !== null) {
      out += char;
      if (char === '\\' && quote !== '`') out += text.charAt(++i);
      else if (char === quote) quote = null;
    } else if (char === "'" || char === '"' || char === '`') {
      quote = char;
      out += char;
    } else {
      const [write, last] = rewrite(i, out);
      out += write;
      i = last;
    }
  }
  return out;
}
