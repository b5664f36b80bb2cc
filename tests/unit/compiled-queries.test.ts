import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../../schema/index.ts';
import { compilable } from '../../server/plugins/use-compiled-queries.ts';

const args = (source: string, variableValues?: Record<string, unknown>) => ({ schema, document: parse(source), variableValues });

describe('which operations graphql-jit runs', () => {
  it('queries whose variables coerce', () => {
    expect(compilable(args('{ stats { entityCount } }'))).toBe(true);
    expect(compilable(args('query ($id: ID!) { entity(id: $id) { name } }', { id: 'china' }))).toBe(true);
  });

  it('not queries with bad variables, whose errors graphql-js words', () => {
    expect(compilable(args('query ($id: ID!) { entity(id: $id) { name } }', {}))).toBe(false);
    expect(compilable(args('query ($t: [RelationType!]) { entity(id: "china") { relations(types: $t) { totalCount } } }', { t: ['SIGNE'] }))).toBe(false);
  });

  it('not mutations', () => {
    expect(compilable(args('mutation { deleteRelation(id: "x") { relationId } }'))).toBe(false);
  });
});
