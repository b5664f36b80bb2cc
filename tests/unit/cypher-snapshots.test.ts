// The Cypher snapshot tier: the compact text of every statement the server can send, in one reviewed
// file (no database needed), so a change to a query shows in review as a change to that file.
// After an intended change: `npx vitest run tests/unit/cypher-snapshots.test.ts -u`, and read the diff.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { ORDER_FIELDS } from '../../cypher/keyset.ts';
import { withRelationPages } from '../../cypher/planned-pages.ts';
import type { CypherQuery } from '../../cypher/query.ts';
import { relationsPage, type Direction } from '../../cypher/relations.ts';
import type { RelationType } from '../../model/relations.ts';
import { treatiesPages } from '../../cypher/treaties.ts';
import { schema } from '../../schema/index.ts';

type Statement = CypherQuery<Record<string, unknown>, unknown>;

function isStatement(value: unknown): value is Statement {
  return typeof value === 'object' && value !== null && typeof (value as Statement).name === 'string' && typeof (value as Statement).text === 'string';
}

/** The statements in an export: itself, or those of a map or record of statements (one per kind, order or hop count), at any depth. */
function statementsIn(value: unknown): Statement[] {
  if (isStatement(value)) return [value];
  if (value instanceof Map) return [...value.values()].flatMap(statementsIn);
  if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) return Object.values(value).flatMap(statementsIn);
  return [];
}

/** Every statement a cypher/ module exports: constants, and maps or records of them. */
async function exportedStatements(): Promise<Statement[]> {
  const modules = (await readdir('cypher')).filter((name) => name.endsWith('.ts'));
  const statements: Statement[] = [];
  for (const name of modules) {
    const exports: Record<string, unknown> = await import(path.resolve('cypher', name));
    for (const value of Object.values(exports)) statements.push(...statementsIn(value));
  }
  return statements;
}

/** The relation pages the schema asks for: one per typed relation field, and `relations(types:)` in each direction; each as of a date too, in each order. */
function relationPageStatements(): Statement[] {
  const statements: Statement[] = [];
  for (const order of ORDER_FIELDS) {
    for (const asOf of [false, true]) {
      statements.push(...(['OUT', 'IN', 'BOTH'] as const).map((direction) => relationsPage({ types: [], direction, typesAsParameter: true, asOf, order })));
      for (const type of Object.values(schema.getTypeMap())) {
        if (!isObjectType(type)) continue;
        for (const field of Object.values(type.getFields())) {
          const spec = field.extensions['relationField'] as { types: RelationType[]; direction: Direction } | undefined;
          if (spec) statements.push(relationsPage({ types: spec.types, direction: spec.direction, typesAsParameter: false, asOf, order }));
        }
      }
    }
  }
  return statements;
}

/** A statement the planner composes (schema/relation-plan.ts): the benchmark's walk, as an example of the rest. */
function plannedStatements(): Statement[] {
  const page = (types: RelationType[], direction: Direction) => ({ types, direction, typesAsParameter: false, asOf: false, order: 'START' as const });
  return [
    withRelationPages(treatiesPages.START, [
      { parent: 0, shape: page(['SIGNED'], 'IN') },
      { parent: 1, shape: page(['SIGNED'], 'OUT') },
    ]),
  ];
}

describe('the Cypher statements', () => {
  it('are the reviewed texts in tests/unit/__snapshots__/cypher-statements.txt', async () => {
    const byName = new Map<string, string>();
    for (const { name, text } of [...(await exportedStatements()), ...relationPageStatements(), ...plannedStatements()]) {
      const known = byName.get(name);
      // One name, one text: names label metrics and logs.
      expect(known === undefined || known === text, `two texts named ${name}`).toBe(true);
      byName.set(name, text);
    }
    expect(byName.size).toBeGreaterThan(100);
    const file = [...byName].sort(([a], [b]) => a.localeCompare(b)).map(([name, text]) => `// ${name}\n${text}\n`).join('\n');
    await expect(file).toMatchFileSnapshot('__snapshots__/cypher-statements.txt');
  });
});
