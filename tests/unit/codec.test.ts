// The storage codec, both ways: what the loader and curation store, what reads make of it, and
// the hash that tells a reload "unchanged" from "updated".
import { describe, expect, it } from 'vitest';
import { UNDATED_YEAR, contentHash, entityFixtureOf, entityRecord, relationFixtureOf, relationRecord, type EntityProps, type Props, type RelationProps } from '../../model/codec.ts';
import { entitySchema, relationSchema } from '../../model/fixture-schema.ts';

const entity = entitySchema.parse({
  id: 'ili-valley',
  kind: 'Region',
  name: 'Ili Valley',
  aliases: ['Ili basin valley', 'Yili'],
  description: 'A valley.',
  category: 'valley',
  time: { start: '1862', end: '1877', precision: 'year', text: '1862–77' },
  quantities: [{ name: 'length', value: 12.5, unit: 'km' }],
  sources: [{ quote: 'The Ili Valley', source: 'article' }, { quote: 'lies in the basin' }],
});

const relation = relationSchema.parse({
  type: 'CEDES',
  from: 'treaty-2009',
  to: 'khan-tengri',
  key: 'part',
  effectFrom: 'china',
  effectTo: 'kyrgyzstan',
  time: { start: '2009', precision: 'year' },
  sources: [{ quote: 'giving up part of the Khan Tengri Peak' }],
});

describe('the storage codec', () => {
  it('stores no null property, and reads an entity back as the fixture it came from (default documents filled in)', () => {
    const { props } = entityRecord(entity, 'seed', 'article');
    expect(Object.values(props)).not.toContain(null);
    expect(props).toMatchObject({ startYear: 1862, endYear: 1877, aliasText: 'Ili basin valley | Yili', dataset: 'seed' });
    const read = entityFixtureOf({ category: null, status: null, quantities: null, ...props } as unknown as EntityProps);
    expect(read).toEqual({ ...entity, status: undefined, sources: [entity.sources[0], { quote: 'lies in the basin', source: 'article' }] });
  });

  it('reads a relation back with its type, ends and key', () => {
    const { props, from, to, type } = relationRecord(relation, 'seed', 'article');
    const stored = { role: null, effect: null, note: null, timeEnd: null, timeText: null, ...props } as unknown as RelationProps;
    expect(relationFixtureOf({ ...stored, type, from: { id: from }, to: { id: to } })).toEqual({
      ...relation,
      role: undefined,
      effect: undefined,
      note: undefined,
      time: { start: '2009', end: undefined, precision: 'year', text: undefined },
      sources: [{ quote: relation.sources[0]?.quote, source: 'article' }],
    });
  });

  it('gives an entity, never a relation, the years its pages by date seek, undated after every real year, outside the hash', () => {
    const dated = entityRecord(entity, 'seed', 'article').props;
    expect([dated['startOrder'], dated['endOrder']]).toEqual([1862, 1877]);
    const undated = entityRecord({ ...entity, time: undefined }, 'seed', 'article').props;
    expect([undated['startOrder'], undated['endOrder']]).toEqual([UNDATED_YEAR, UNDATED_YEAR]);
    expect(relationRecord(relation, 'seed', 'article').props).not.toHaveProperty('startOrder');
    // Derived from the years, which are hashed: the hash is what it was before the keys were stored.
    const withoutKeys = Object.fromEntries(Object.entries(dated).filter(([key]) => key !== 'startOrder' && key !== 'endOrder'));
    expect(contentHash(withoutKeys)).toBe(dated['hash']);
    expect(contentHash({ ...dated, startOrder: 1 })).toBe(dated['hash']);
  });

  it('hashes a canonical form: the order of keys and a null rather than an absent key change nothing', () => {
    const props: Props = { id: 'a', name: 'A', aliases: ['x', 'y'], note: null };
    const reordered: Props = { aliases: ['x', 'y'], name: 'A', id: 'a' };
    expect(contentHash(reordered)).toBe(contentHash(props));
    expect(contentHash({ ...props, hash: 'stale' })).toBe(contentHash(props));
  });

  it('hashes every stored value: a changed value, a changed order of a list or a new key changes it', () => {
    const props: Props = { id: 'a', name: 'A', aliases: ['x', 'y'] };
    expect(contentHash({ ...props, name: 'B' })).not.toBe(contentHash(props));
    expect(contentHash({ ...props, aliases: ['y', 'x'] })).not.toBe(contentHash(props));
    expect(contentHash({ ...props, note: 'n' })).not.toBe(contentHash(props));
    // A string that looks like the canonical form of two keys is still one key's value.
    expect(contentHash({ a: 'b' })).not.toBe(contentHash({ a: '', b: '' }));
  });

  it('stores the hash of what it stores, so it can be checked against Neo4j alone', () => {
    const { props } = entityRecord(entity, 'seed', 'article');
    const { hash, ...rest } = props;
    expect(hash).toBe(contentHash(rest));
  });
});
