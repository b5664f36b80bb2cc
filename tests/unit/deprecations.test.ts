import { readFile } from 'node:fs/promises';
import { NoDeprecatedCustomRule, isInputObjectType, isInterfaceType, isObjectType, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { QUESTIONS } from '../../bench/questions/index.ts';
import { OPERATIONS } from '../../explorer/operations.ts';
import { schema } from '../../schema/index.ts';
import { EXAMPLE_QUERY } from '../../server/example-query.ts';

const readme = await readFile('README.md', 'utf8');

describe('deprecations', () => {
  it('each name their replacement', () => {
    const reasons: [string, string][] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__')) continue;
      if (isObjectType(type) || isInterfaceType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (field.deprecationReason) reasons.push([`${type.name}.${field.name}`, field.deprecationReason]);
          for (const arg of field.args) if (arg.deprecationReason) reasons.push([`${type.name}.${field.name}(${arg.name})`, arg.deprecationReason]);
        }
      }
      if (isInputObjectType(type)) for (const field of Object.values(type.getFields())) if (field.deprecationReason) reasons.push([`${type.name}.${field.name}`, field.deprecationReason]);
    }
    expect(reasons.length).toBeGreaterThan(10);
    expect(reasons.filter(([, reason]) => !/^Use `[^`]+`/.test(reason))).toEqual([]);
  });

  it('are not what the README and GraphiQL show new users', () => {
    const examples = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
    for (const example of [...examples, EXAMPLE_QUERY]) {
      expect(validate(schema, parse(example), [NoDeprecatedCustomRule]).map((error) => error.message), example).toEqual([]);
    }
  });

  it('are not what our own clients ask: the explorer and the benchmark', () => {
    const landmarks = { party: 'kyrgyzstan', timeline: 'bedel-pass', search: 'Irkestam', path: { from: 'bedel-pass', to: 'china', hops: 3, paths: 1 } };
    const documents = [...Object.values(OPERATIONS), ...QUESTIONS.map((question) => question.ask(landmarks).ours.query)];
    for (const document of documents) {
      expect(validate(schema, parse(document), [NoDeprecatedCustomRule]).map((error) => error.message), document).toEqual([]);
    }
  });
});
