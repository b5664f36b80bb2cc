import { describe, expect, it } from 'vitest';
import { compact, cypher, scopeParameters } from '../../cypher/query.ts';

describe('compact (the Cypher text sent with every request)', () => {
  it('drops comments and folds whitespace between tokens', () => {
    expect(compact(`
      MATCH (e:Entity {id: $id})   // the one entity
      // a whole line of comment
      RETURN   e {.*}
    `)).toBe('MATCH (e:Entity {id: $id}) RETURN e {.*}');
  });

  it('leaves strings and quoted names exactly as written, escapes included', () => {
    const text = `RETURN 'a  // not a comment', "it's  spaced", \`odd  name\`, 'it\\'s // still' AS x // gone`;
    expect(compact(text)).toBe(`RETURN 'a  // not a comment', "it's  spaced", \`odd  name\`, 'it\\'s // still' AS x`);
  });

  it('refuses a block comment, which it does not parse, when the statement is defined', () => {
    expect(() => compact('MATCH (n) /* why */ RETURN n')).toThrow(/block comments are not supported/);
    expect(compact("RETURN '/* in a string */' AS s")).toBe("RETURN '/* in a string */' AS s");
  });

  it('is what cypher() keeps', () => {
    expect(cypher('test', '  MATCH (n)\n\n   RETURN n  ').text).toBe('MATCH (n) RETURN n');
  });
});

describe('scopeParameters (a text run several times in one statement, each with its own values)', () => {
  it('renames every parameter, and nothing in strings or quoted names', () => {
    const text = "MATCH (p {id: $id}) WHERE p.name <> '$id' AND p.`$odd` = $first RETURN $slim AS slim";
    expect(scopeParameters(text, 'l2_')).toBe("MATCH (p {id: $l2_id}) WHERE p.name <> '$id' AND p.`$odd` = $l2_first RETURN $l2_slim AS slim");
  });

  it('refuses a prefix that would not make a parameter name', () => {
    expect(() => scopeParameters('RETURN $x', 'l 1')).toThrow(/not a parameter prefix/);
  });
});
