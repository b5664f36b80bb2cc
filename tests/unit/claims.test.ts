// The merge rule (model/claims.ts): how the claims of several datasets on one item become the item.
import { describe, expect, it } from 'vitest';
import { byRank, disputedFields, ENTITY_FIELDS, mergeClaims, RELATION_FIELDS } from '../../model/claims.ts';
import { contentHash, documentRecord, entityRecord, relationRecord } from '../../model/codec.ts';
import { entitySchema, relationSchema } from '../../model/fixture-schema.ts';

const seed = entityRecord(
  entitySchema.parse({
    id: 'dungan-revolt',
    kind: 'Event',
    name: 'Dungan revolt',
    aliases: ['Hui revolt'],
    description: 'The rebellion of 1862–77.',
    category: 'revolt',
    time: { start: '1862', end: '1877', precision: 'year' },
    sources: [{ quote: 'crumbled during the Dungan revolt (1862–77)' }],
  }),
  'china-kyrgyzstan-border',
  'article',
).props;

const chronology = entityRecord(
  entitySchema.parse({
    id: 'dungan-revolt',
    kind: 'Event',
    name: 'Dungan Revolt',
    aliases: ['Hui revolt', 'Tongzhi Hui revolt'],
    description: 'The Hui uprising in Shaanxi and Gansu.',
    status: 'suppressed',
    time: { start: '1862', end: '1873', precision: 'year' },
    sources: [{ quote: 'The Hui uprising of 1862' }, { quote: 'crumbled during the Dungan revolt (1862–77)', source: 'article' }],
  }),
  'russia-qing-chronology',
  'notes',
).props;

const curated = entityRecord(
  entitySchema.parse({ id: 'dungan-revolt', kind: 'Event', name: 'Dungan revolt', description: 'Curated.', sources: [{ quote: 'Q', source: 'article' }] }),
  'curation',
  '',
).props;

describe('the merge of claims', () => {
  it('ranks curation first, then datasets by id, whatever order they come in', () => {
    expect(['zeta', 'curation', 'alpha'].sort(byRank)).toEqual(['curation', 'alpha', 'zeta']);
    expect(mergeClaims([chronology, seed])).toEqual(mergeClaims([seed, chronology]));
    expect(mergeClaims([seed, chronology])).toMatchObject({ dataset: 'china-kyrgyzstan-border', datasets: ['china-kyrgyzstan-border', 'russia-qing-chronology'] });
    expect(mergeClaims([seed, curated, chronology])).toMatchObject({ dataset: 'curation', datasets: ['curation', 'china-kyrgyzstan-border', 'russia-qing-chronology'] });
  });

  it("takes the first claim's name and keeps every other name as an alias, once", () => {
    const merged = mergeClaims([seed, chronology]);
    expect(merged.name).toBe('Dungan revolt');
    expect(merged.aliases).toEqual(['Hui revolt', 'Dungan Revolt', 'Tongzhi Hui revolt']);
    expect(merged.aliasText).toBe('Hui revolt | Dungan Revolt | Tongzhi Hui revolt');
  });

  it('takes each single value from the first claim that states it, and a time span whole', () => {
    const merged = mergeClaims([seed, chronology]);
    expect(merged).toMatchObject({ description: 'The rebellion of 1862–77.', category: 'revolt', status: 'suppressed', timeStart: '1862', timeEnd: '1877', endYear: 1877 });
    const undated = { ...seed, timeStart: null, timeEnd: null, timePrecision: null, startYear: null, endYear: null };
    expect(mergeClaims([undated, chronology])).toMatchObject({ timeStart: '1862', timeEnd: '1873', endYear: 1873 });
    expect(mergeClaims([seed, curated])).toMatchObject({ description: 'Curated.', category: 'revolt', timeEnd: '1877' });
  });

  it('keeps every quote of every claim, in rank order, each once', () => {
    const merged = mergeClaims([chronology, seed]);
    expect(merged.sourceQuotes).toEqual(['crumbled during the Dungan revolt (1862–77)', 'The Hui uprising of 1862']);
    expect(merged.sourceIds).toEqual(['article', 'notes']);
  });

  it('merges two datasets\' records of one document, which lists itself without a quote', () => {
    const document = { id: 'notes', name: 'Notes', description: 'Notes.', file: 'notes.txt', basis: 'background' as const };
    const merged = mergeClaims([documentRecord(document, 'b', 'text of b').props, documentRecord(document, 'a', 'text of a').props]);
    expect(merged).toMatchObject({ sourceIds: ['notes'], sourceQuotes: [], text: 'text of a', dataset: 'a' });
  });

  it('stores no null and hashes what it stores', () => {
    const { hash, ...rest } = mergeClaims([seed, chronology]);
    expect(Object.values(rest)).not.toContain(null);
    expect(hash).toBe(contentHash(rest));
  });
});

describe('disputed fields', () => {
  it('are those at least two claims state differently', () => {
    expect(disputedFields([seed, chronology], ENTITY_FIELDS)).toEqual(['name', 'description', 'time']);
    expect(disputedFields([seed, seed], ENTITY_FIELDS)).toEqual([]);
    expect(disputedFields([seed], ENTITY_FIELDS)).toEqual([]);
  });

  it('of relations, by their qualifiers', () => {
    const relation = relationSchema.parse({ type: 'AFFECTED', from: 'dungan-revolt', to: 'qing-empire', note: 'One.', sources: [{ quote: 'q' }] });
    const one = relationRecord(relation, 'a', 'doc').props;
    const other = relationRecord({ ...relation, note: 'Other.', role: 'cause' }, 'b', 'doc').props;
    expect(disputedFields([one, other], RELATION_FIELDS)).toEqual(['note']);
  });

  it('takes the span of the first claim that dates the item, with its day bounds, over an undated one ranked before it', () => {
    // The curated claim states no time, yet is stored with an undated item's bounds (every day there is).
    const merged = mergeClaims([curated, chronology]);
    expect(merged).toMatchObject({ timeStart: '1862', timeEnd: '1873', startEarliest: chronology['startEarliest'], endLatest: chronology['endLatest'] });
    expect(disputedFields([curated, chronology], ENTITY_FIELDS)).not.toContain('time');
  });

  it('keeps an undated item\'s bounds when no claim dates it, so as-of questions still find it', () => {
    const undated = entityRecord(
      entitySchema.parse({ id: 'tian-shan', kind: 'Region', name: 'Tian Shan', description: 'Mountains.', sources: [{ quote: 'Q' }] }),
      'a',
      'article',
    ).props;
    const merged = mergeClaims([undated, { ...undated, dataset: 'b' }]);
    expect(merged['timePrecision']).toBeUndefined();
    expect(merged['startEarliest']).toBe(undated['startEarliest']);
    expect(merged['endLatest']).toBe(undated['endLatest']);
  });
});
