import { readFile } from 'node:fs/promises';
import { isInterfaceType, isObjectType, isEnumType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../../schema/index.ts';
import { SDL_PATH, printedSchema } from '../../schema/print.ts';

describe('the GraphQL schema', () => {
  it('matches the committed SDL (run `npm run schema:print` after changing the API)', async () => {
    expect(printedSchema()).toBe(await readFile(SDL_PATH, 'utf8'));
  });

  it('describes every type, field and argument', () => {
    const undescribed: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name)) continue;
      if (!type.description) undescribed.push(type.name);
      if (isObjectType(type) || isInterfaceType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) undescribed.push(`${type.name}.${field.name}`);
          for (const arg of field.args) if (!arg.description) undescribed.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
      if (isEnumType(type)) for (const value of type.getValues()) if (!value.description) undescribed.push(`${type.name}.${value.name}`);
    }
    expect(undescribed).toEqual([]);
  });

  it('keeps the public root fields and their arguments', () => {
    const query = schema.getQueryType()?.getFields() ?? {};
    const args = (name: string) => query[name]?.args.map((a) => a.name) ?? [];
    expect(args('treaties')).toEqual(['affecting', 'between', 'from', 'to', 'first', 'after']);
    expect(args('search')).toEqual(['query', 'kinds', 'first', 'after']);
    expect(args('entity')).toEqual(['id']);
    expect(args('entities')).toEqual(['kind', 'first', 'after']);
    expect(args('timeline')).toEqual(['from', 'to', 'involving', 'first', 'after']);
    expect(args('path')).toEqual(['from', 'to', 'maxHops']);
    expect(Object.keys(query)).toEqual(expect.arrayContaining(['node', 'nodes', 'stats']));
  });
});
