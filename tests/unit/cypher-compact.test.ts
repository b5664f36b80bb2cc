import { describe, expect, it } from 'vitest';
import { compact, cypher } from '../../cypher/query.ts';

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
