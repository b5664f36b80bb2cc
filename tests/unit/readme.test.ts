import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parse, validate } from 'graphql';
import { schema } from '../../schema/index.ts';
import { CONFIG_KEYS, loadConfig } from '../../server/config.ts';
import { EXAMPLE_QUERY } from '../../server/example-query.ts';

const readme = await readFile('README.md', 'utf8');
const ci = await readFile('.ci/run', 'utf8');

describe('the README', () => {
  it('opens with the two set-up commands, and CI runs its test command', () => {
    const commands = [...readme.matchAll(/^(npm ci && npm \w+)/gm)].map((m) => m[1]);
    expect(commands.slice(0, 2)).toEqual(['npm ci && npm start', 'npm ci && npm test']);
    expect(ci).toMatch(/^npm ci\b/m);
    expect(ci).toMatch(/^npm test$/m);
  });

  it('documents every configuration variable with its default', () => {
    const defaults = loadConfig({});
    for (const key of CONFIG_KEYS) {
      const row = readme.split('\n').find((line) => line.startsWith(`| \`${key}\` |`));
      expect(row, key).toBeDefined();
      const value = defaults[key];
      expect(row, key).toContain(value === undefined ? 'unset' : `\`${String(value)}\``);
    }
  });

  it("shows GraphQL examples that are valid against the schema, as GraphiQL's default query is", () => {
    const examples = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
    expect(examples.length).toBeGreaterThanOrEqual(5);
    for (const example of [...examples, EXAMPLE_QUERY]) {
      expect(validate(schema, parse(example)).map((error) => error.message), example).toEqual([]);
    }
  });
});
