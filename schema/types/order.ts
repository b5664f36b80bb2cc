import type { ArgBuilder } from '@pothos/core';
import { ORDER_FIELDS, type OrderField } from '../../cypher/keyset.ts';
import { builder } from '../builder.ts';
import { enumValues } from '../enum-values.ts';
import { ORDER_DIRECTIONS, type OrderDirection } from '../pages.ts';

/*
 * `orderBy: {field, direction}` in the shape GitHub's API uses: one `<List>Order` input and `<List>OrderField`
 * enum per list, since what START means differs from list to list, and one `OrderDirection`.
 */

export const OrderDirectionEnum = builder.enumType('OrderDirection', {
  description: 'Which way a list runs through its order.',
  values: enumValues<OrderDirection>(ORDER_DIRECTIONS, (direction) =>
    direction === 'ASC'
      ? 'Smallest first: A to Z, earliest first. Undated items come after every dated one.'
      : 'Largest first: Z to A, latest first; the ascending list read from its end, so undated items come first (as Neo4j sorts nulls).',
  ),
});

/** What each field of one list's order means: the description of each enum value. */
export type OrderFieldText = Readonly<Record<OrderField, string>>;

/**
 * The `orderBy` argument of a list named `name` (e.g. "Entity": `EntityOrder`, `EntityOrderField`) of `items`
 * ("entities"), and its default field, stated in its description. Call once per list, at module level: Pothos
 * registers each name once.
 */
export function orderArg(name: string, items: string, fields: OrderFieldText, defaultField: OrderField) {
  const FieldEnum = builder.enumType(`${name}OrderField`, {
    description: `What a list of ${items} can be ordered by; ties are broken by name, then id.`,
    values: enumValues<OrderField>(ORDER_FIELDS, (field) => fields[field]),
  });
  const Order = builder.inputType(`${name}Order`, {
    description: `How to order the list: by \`field\`, in \`direction\`. Cursors hold a place in one order: a cursor of another order is refused.`,
    fields: (t) => ({
      field: t.field({ type: FieldEnum, required: true, description: 'What to order by.' }),
      direction: t.field({ type: OrderDirectionEnum, defaultValue: 'ASC', description: 'Which way; ascending when left out.' }),
    }),
  });
  return (arg: ArgBuilder<typeof builder.$inferSchemaTypes>) => ({
    orderBy: arg({ type: Order, description: `The order of the list: by ${defaultField}, ascending, when left out.` }),
  });
}
