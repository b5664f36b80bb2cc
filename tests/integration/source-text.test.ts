import { readFile } from 'node:fs/promises';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, testApp } from '../support/app.ts';
import { SEED_DIR, loadSeed, testDriver } from '../support/database.ts';

let driver: Driver;
let app: ReturnType<typeof testApp>;

beforeAll(async () => {
  driver = testDriver();
  await loadSeed(driver);
  app = testApp(driver);
});
afterAll(() => driver.close());

describe('Source.text', () => {
  it('is the document as loaded, so every quote of it can be found in its context', async () => {
    const article = await readFile(`${SEED_DIR}/sources/china-kyrgyzstan-border.txt`, 'utf8');
    const result = await app.graphql(`{ entity(id: "irkeshtam-pass") { sources { quote source { id ... on Source { text license attribution } } } } }`);
    const { entity } = dataOf<{ entity: { sources: { quote: string; source: { id: string; text: string; license: string; attribution: string } }[] } }>(result);
    expect(entity.sources.length).toBeGreaterThan(0);
    for (const { quote, source } of entity.sources) {
      expect(source.text).toBe(article);
      expect(source.text).toContain(quote);
      expect(source.license).toBe('CC BY-SA 4.0');
    }
  });

  it('reads the texts of several documents in one round-trip, and only when selected', async () => {
    const both = await app.graphql(`{ nodes(ids: ["wikipedia-china-kyrgyzstan-border", "background-geography", "irkeshtam-pass"]) { ... on Source { text } } }`);
    const { nodes } = dataOf<{ nodes: ({ text?: string } | null)[] }>(both);
    expect(nodes.map((node) => typeof node?.text)).toEqual(['string', 'string', 'undefined']);
    // One to find the entities, one for both texts.
    expect(both.roundTrips).toBe(2);
    await app.graphql(`{ nodes(ids: ["wikipedia-china-kyrgyzstan-border"]) { ... on Source { license } } }`);
    expect(app.queries.map((query) => query.name)).not.toContain('sources.textById');
  });
});
