import { isNonNullType, type GraphQLObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../../schema/index.ts';

const rootFields = (type: GraphQLObjectType | null | undefined) => Object.values(type?.getFields() ?? {});

describe('the root fields', () => {
  it('are all nullable, so that one that fails leaves the answers of the others', () => {
    const fields = [...rootFields(schema.getQueryType()), ...rootFields(schema.getMutationType())];
    expect(fields.length).toBeGreaterThan(15);
    expect(fields.filter((field) => isNonNullType(field.type)).map((field) => field.name)).toEqual([]);
  });

  it('each say what their null means', () => {
    const fields = [...rootFields(schema.getQueryType()), ...rootFields(schema.getMutationType())];
    const silent = fields.filter((field) => !/Null when|null when/.test(field.description ?? '')).map((field) => field.name);
    expect(silent).toEqual([]);
  });
});
