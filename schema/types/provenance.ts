import type { EntityRow } from '../../cypher/rows.ts';
import type { Quantity as QuantityValue, SourceQuote } from '../../model/codec.ts';
import { builder } from '../builder.ts';
import { EntityRef } from './entity-ref.ts';

export const SourceRef = builder.objectRef<SourceQuote>('SourceRef').implement({
  description: 'Where a fact comes from: the sentence or clause of a source document that states it.',
  fields: (t) => ({
    quote: t.exposeString('quote', { description: 'The words of the source, verbatim.' }),
    sourceId: t.id({ description: 'The id of the source document.', resolve: ({ source }) => source }),
    source: t.field({
      type: EntityRef,
      nullable: true,
      description: 'The source document (a `Source`), with its URL, licence and whether it is an article or background knowledge.',
      resolve: ({ source }, _args, { loaders }) => loaders.entityById.load(source) as Promise<EntityRow | null>,
    }),
  }),
});

export const Quantity = builder.objectRef<QuantityValue>('Quantity').implement({
  description: 'A figure the source gives, with its unit: a length, a sum of money.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'What is measured, e.g. "length".' }),
    value: t.exposeFloat('value', { description: 'The number.' }),
    unit: t.exposeString('unit', { description: 'The unit, e.g. "km" or "USD".' }),
  }),
});
