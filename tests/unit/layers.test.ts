// Imports point down the request's path (server -> schema -> services -> cypher -> model) and never in
// a circle. Lint enforces it (eslint.config.js); these tests prove the rules bite, and close the one gap
// lint leaves: it skips `import type`, so type-only cycles are looked for here.
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** The layers top to bottom, as the README's code map gives them, each with a file of its own to import. */
const LAYERS = ['server', 'schema', 'services', 'cypher', 'model'] as const;
const A_FILE_OF: Record<(typeof LAYERS)[number], string> = {
  server: 'config.ts',
  schema: 'errors.ts',
  services: 'ingest/load.ts',
  cypher: 'query.ts',
  model: 'kinds.ts',
};

const eslint = new ESLint();

async function lintAs(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((message) => `${message.ruleId ?? 'parse'}: ${message.message}`);
}

// Lint builds the import graph of the whole tree on its first run: seconds on busy cores, not a unit test's 5.
describe('lint keeps the layers one-way', { timeout: 60_000 }, () => {
  it('refuses every upward import, naming the layer and the code map', async () => {
    for (const [depth, layer] of LAYERS.entries()) {
      for (const above of LAYERS.slice(0, depth)) {
        const problems = await lintAs(`${layer}/probe.ts`, `import '../${above}/${A_FILE_OF[above]}';\n`);
        expect(problems, `${layer} importing ${above}`).toEqual([expect.stringMatching(/^import-x\/no-restricted-paths: .*code map/)]);
      }
    }
  });

  it('lets a layer import every layer below it', async () => {
    for (const [depth, layer] of LAYERS.entries()) {
      for (const below of LAYERS.slice(depth + 1)) {
        expect(await lintAs(`${layer}/probe.ts`, `import '../${below}/${A_FILE_OF[below]}';\n`), `${layer} importing ${below}`).toEqual([]);
      }
    }
  });

  it('refuses a cycle: the schema builder importing the module that imports it', async () => {
    const builder = await readFile('schema/builder.ts', 'utf8');
    const problems = await lintAs('schema/builder.ts', `import { schema } from './index.ts';\nexport const s = schema;\n${builder}`);
    expect(problems).toContain('import-x/no-cycle: Dependency cycle detected');
  });
});

describe('the import graph of the layers, type imports included', () => {
  it('has no cycle', async () => {
    const graph = await importGraph();
    expect(graph.size).toBeGreaterThan(50);
    expect(findCycle(graph)).toBeUndefined();
  });

  it('would show one as the files around it', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['b.ts']],
    ]);
    expect(findCycle(graph)).toEqual(['b.ts', 'c.ts', 'b.ts']);
  });
});

const IMPORT = /^(?:import|export)\s[^'"]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|^import\s*['"](\.{1,2}\/[^'"]+)['"]/gm;

/** Every file of the layers, with the files of ours it imports (values or types). */
async function importGraph(): Promise<Map<string, string[]>> {
  const graph = new Map<string, string[]>();
  const files = (await Promise.all(LAYERS.map(async (layer) => (await readdir(layer, { recursive: true })).map((name: string) => path.join(layer, name))))).flat();
  for (const file of files.filter((name) => name.endsWith('.ts'))) {
    const text = await readFile(file, 'utf8');
    const targets = [...text.matchAll(IMPORT)].map((match) => path.normalize(path.join(path.dirname(file), match[1] ?? match[2] ?? '')));
    graph.set(file, targets);
  }
  return graph;
}

/** A cycle as the list of files around it, or undefined. */
function findCycle(graph: ReadonlyMap<string, readonly string[]>): string[] | undefined {
  const done = new Set<string>();
  const onPath: string[] = [];
  const visit = (file: string): string[] | undefined => {
    const at = onPath.indexOf(file);
    if (at >= 0) return [...onPath.slice(at), file];
    if (done.has(file)) return undefined;
    onPath.push(file);
    for (const next of graph.get(file) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    onPath.pop();
    done.add(file);
    return undefined;
  };
  for (const file of graph.keys()) {
    const cycle = visit(file);
    if (cycle) return cycle;
  }
  return undefined;
}
