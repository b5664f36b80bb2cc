import { describe, expect, it } from 'vitest';
import { readDataset } from '../../services/ingest/read-dataset.ts';

/** Independent of the loader's own check: every quote of the seed, found verbatim in its document's text. */
describe('quotes of the seed', () => {
  it('each occurs verbatim in its source text', async () => {
    const dataset = await readDataset('fixtures/china-kyrgyzstan-border');
    const primary = dataset.dataset.documents[0]?.id ?? '';
    const all = [...dataset.entities, ...dataset.relations].flatMap((item) => item.sources);
    expect(all.length).toBeGreaterThan(200);
    const absent = all.filter(({ quote, source = primary }) => !(dataset.texts.get(source) ?? '').includes(quote));
    expect(absent).toEqual([]);
  });

  it('keeps the article unchanged, with its attribution', async () => {
    const dataset = await readDataset('fixtures/china-kyrgyzstan-border');
    const article = dataset.dataset.documents.find((d) => d.basis === 'article');
    expect(article?.license).toMatch(/CC BY-SA/);
    expect(article?.url).toMatch(/wikipedia\.org/);
    expect(dataset.texts.get(article?.id ?? '')).toMatch(/^= China–Kyrgyzstan border =/);
  });
});
