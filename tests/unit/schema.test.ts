import { readFile } from 'node:fs/promises';
import { isInterfaceType, isObjectType, isEnumType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { TREATY_EFFECT_TYPES } from '../../model/relations.ts';
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

  it('keeps the public root fields and their arguments, and adds the as-of, ordering, backward paging and steering ones', () => {
    const query = schema.getQueryType()?.getFields() ?? {};
    const args = (name: string) => query[name]?.args.map((a) => a.name) ?? [];
    const asOf = ['asOf', 'certainty', 'undated'];
    const pages = ['first', 'after', 'last', 'before'];
    expect(args('treaties')).toEqual(['affecting', 'between', 'from', 'to', 'orderBy', ...asOf, ...pages]);
    expect(args('search')).toEqual(['query', 'kinds', ...pages]);
    expect(args('entity')).toEqual(['id']);
    expect(args('entities')).toEqual(['kinds', 'kind', 'orderBy', ...asOf, ...pages]);
    expect(args('timeline')).toEqual(['from', 'to', 'involving', 'orderBy', ...pages]);
    expect(args('path')).toEqual(['from', 'to', 'maxHops', 'types', 'avoid', 'kinds', ...asOf]);
    expect(args('snapshot')).toEqual(['around', ...asOf, 'first']);
    expect(Object.keys(query)).toEqual(expect.arrayContaining(['node', 'nodes', 'stats']));
  });

  it('takes kinds as enum values, and marks the string form deprecated, naming its replacement', () => {
    const entities = schema.getQueryType()?.getFields()['entities'];
    const kinds = entities?.args.find((a) => a.name === 'kinds');
    expect(String(kinds?.type)).toBe('[EntityKind!]');
    expect(entities?.args.find((a) => a.name === 'kind')?.deprecationReason).toMatch(/Use `kinds: \[EntityKind!\]`/);
  });

  it('gives every relation field, on every kind of entity, the as-of arguments and says how sure each edge is', () => {
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) && !isInterfaceType(type)) continue;
      for (const field of Object.values(type.getFields())) {
        if (String(field.type) !== 'RelationConnection!') continue;
        if (!asOfArgsOf(field.args.map((a) => a.name))) missing.push(`${type.name}.${field.name}`);
      }
    }
    expect(missing).toEqual([]);
    const edge = schema.getType('RelationEdge');
    expect(isObjectType(edge) && String(edge.getFields()['held']?.type)).toBe('Held');
  });

  it('says exactly which relations make a treaty affect a place', () => {
    const affecting = schema.getQueryType()?.getFields()['treaties']?.args.find((a) => a.name === 'affecting')?.description ?? '';
    for (const type of TREATY_EFFECT_TYPES) expect(affecting).toContain(`(${type})`);
    expect(affecting).toMatch(/CONCERNS\) .* does not/);
  });
});

function asOfArgsOf(names: readonly string[]): boolean {
  return ['asOf', 'certainty', 'undated'].every((name) => names.includes(name));
}
