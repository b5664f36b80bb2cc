import { execFileSync } from 'node:child_process';
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

  it('has a code map that names the layers in the order a request travels, and every folder of the tree', () => {
    const map = readme.split('\n## Code map\n')[1]?.split('\n## ')[0] ?? '';
    const layers = [...map.matchAll(/^- `([a-z0-9-]+)\/`/gm)].map((m) => m[1]);
    expect(layers).toEqual(['server', 'schema', 'services', 'cypher', 'model']);
    const tracked = execFileSync('git', ['ls-files'], { encoding: 'utf8' }).split('\n');
    const folders = new Set(tracked.filter((file) => file.includes('/') && !file.startsWith('.')).map((file) => file.split('/')[0]));
    for (const folder of folders) expect(map, `${folder}/ in the code map`).toContain(`\`${folder}/\``);
  });
});
