import { readFile } from 'node:fs/promises';
import { Lexer, Source, TokenKind, getOperationAST, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { OPERATIONS } from '../../explorer/operations.ts';
import { MANIFEST_PATH, manifestText } from '../../explorer/trusted-documents.ts';
import { schema } from '../../schema/index.ts';
import { DEFAULT_POLICY } from '../../server/http-policy.ts';
import { operationCost } from '../../server/plugins/operation-cost.ts';
import { loadTrustedDocuments } from '../../server/plugins/use-trusted-documents.ts';

/** The variables that make each operation as large as the explorer ever asks for. */
const LARGEST: Record<keyof typeof OPERATIONS, Record<string, unknown>> = {
  search: { query: 'irkestam', first: 10 },
  entity: { id: 'kyrgyzstan' },
  neighbourhood: { id: 'kyrgyzstan', twoHops: true },
  timeline: { involving: null },
  source: { id: 'wikipedia-china-kyrgyzstan-border' },
  treatiesAffecting: { place: 'Ili basin', placeId: 'Ili basin' },
  path: { from: 'Zuo Zongtang', to: 'Kyrgyzstan' },
  overview: {},
};

function tokens(document: string): number {
  const lexer = new Lexer(new Source(document));
  let count = 0;
  while (lexer.advance().kind !== TokenKind.EOF) count++;
  return count;
}

describe("the explorer's operations", () => {
  it('are valid, named and within the default limits of cost and tokens', () => {
    for (const [key, text] of Object.entries(OPERATIONS)) {
      const document = parse(text);
      expect(validate(schema, document).map((error) => error.message), key).toEqual([]);
      expect(getOperationAST(document)?.name?.value, key).toMatch(/^Explorer[A-Z]/);
      const cost = operationCost({ schema, document, variableValues: LARGEST[key as keyof typeof OPERATIONS] });
      expect(cost, key).toBeLessThanOrEqual(DEFAULT_POLICY.limits.maxCost);
      expect(tokens(text), key).toBeLessThanOrEqual(DEFAULT_POLICY.limits.maxTokens);
    }
  });

  it('are exactly the committed trusted-documents manifest, which the server accepts', async () => {
    expect(await readFile(MANIFEST_PATH, 'utf8'), 'run `npm run explorer:manifest`').toBe(manifestText());
    const trusted = loadTrustedDocuments(MANIFEST_PATH);
    expect([...trusted.values()].sort()).toEqual(Object.values(OPERATIONS).sort());
  });
});
