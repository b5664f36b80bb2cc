import type { ProvenanceProps } from '../../cypher/rows.ts';
import type { EntityRow } from '../../cypher/rows.ts';
import { builder } from '../builder.ts';
import { EntityRef } from './entity-ref.ts';

interface SourceRefShape {
  readonly quote: string;
  readonly sourceId: string;
}

export const SourceRef = builder.objectRef<SourceRefShape>('SourceRef').implement({
  description: 'Where a fact comes from: the sentence or clause of a source document that states it.',
  fields: (t) => ({
    quote: t.exposeString('quote', { description: 'The words of the source, verbatim.' }),
    sourceId: t.exposeID('sourceId', { description: 'The id of the source document.' }),
    source: t.field({
      type: EntityRef,
      nullable: true,
      description: 'The source document (a `Source`), with its URL, licence and whether it is an article or background knowledge.',
      resolve: ({ sourceId }, _args, { loaders }) => loaders.entityById.load(sourceId) as Promise<EntityRow | null>,
    }),
  }),
});

export function sourceRefsOf(props: ProvenanceProps): SourceRefShape[] {
  return props.sourceQuotes.map((quote, index) => ({ quote, sourceId: props.sourceIds[index] ?? '' }));
}

interface QuantityShape {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
}

export const Quantity = builder.objectRef<QuantityShape>('Quantity').implement({
  description: 'A figure the source gives, with its unit: a length, a sum of money.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'What is measured, e.g. "length".' }),
    value: t.exposeFloat('value', { description: 'The number.' }),
    unit: t.exposeString('unit', { description: 'The unit, e.g. "km" or "USD".' }),
  }),
});

export function quantitiesOf(row: Pick<EntityRow, 'quantities'>): QuantityShape[] {
  return row.quantities ? (JSON.parse(row.quantities) as QuantityShape[]) : [];
}
