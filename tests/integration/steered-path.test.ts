// A steered path on a real Neo4j: `path` keeps to the relation types and kinds asked and never passes through what
// it avoids; an `avoid` that names nothing, or an end, is a clear error.
import { describe, expect, it } from 'vitest';
import { dataOf } from '../support/app.ts';
import { withTestGraph } from '../support/test-entities.ts';

const graph = withTestGraph('test-steered-path');

type Path = { length: number; nodes: { id: string; kind: string }[]; relations: { type: string }[] };

async function paths(args: string): Promise<Path[]> {
  return dataOf<{ path: Path[] }>(await graph.graphql(`{ path(${args}) { length nodes { id kind } relations { type } } }`)).path;
}

describe('a steered path', () => {
  it('avoids a hub, keeps to the types and kinds asked, and finds a longer way round when it must', async () => {
    const plain = await paths('from: "bedel-pass", to: "china", maxHops: 4');
    // What the shortest paths run through: avoided, none of them may be on the way.
    const hubs = [...new Set(plain.flatMap((path) => path.nodes.slice(1, -1).map((node) => node.id)))];
    expect(hubs.length).toBeGreaterThan(0);
    const around = await paths(`from: "bedel-pass", to: "china", maxHops: 6, avoid: ${JSON.stringify(hubs)}`);
    expect(around.length).toBeGreaterThan(0);
    for (const path of around) for (const hub of hubs) expect(path.nodes.map((node) => node.id)).not.toContain(hub);
    expect(Math.min(...around.map((path) => path.length))).toBeGreaterThan(Math.min(...plain.map((path) => path.length)));

    const types = ['WITHIN', 'CROSSES', 'DIVIDES', 'RUNS_THROUGH', 'SEPARATES'];
    const typed = await paths(`from: "bedel-pass", to: "china", maxHops: 6, types: [${types.join(', ')}]`);
    expect(typed.length).toBeGreaterThan(0);
    for (const path of typed) for (const relation of path.relations) expect(types).toContain(relation.type);

    const kinds = await paths('from: "bedel-pass", to: "china", maxHops: 6, kinds: [Region, Border]');
    expect(kinds.length).toBeGreaterThan(0);
    for (const path of kinds) for (const node of path.nodes.slice(1, -1)) expect(['Region', 'Border']).toContain(node.kind);
  });

  it('says when `avoid` names nothing, or an end of the path', async () => {
    const unknown = await graph.graphql('{ path(from: "bedel-pass", to: "china", avoid: ["no-such-entity-at-all"]) { length } }');
    expect(unknown.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
    expect(unknown.errors?.[0]?.message).toMatch(/^`avoid`: nothing is called "no-such-entity-at-all"/);
    const end = await graph.graphql('{ path(from: "bedel-pass", to: "china", avoid: ["China"]) { length } }');
    expect(end.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(end.errors?.[0]?.message).toMatch(/`avoid` names an end of the path/);
    const badKind = await graph.graphql('{ path(from: "bedel-pass", to: "china", kinds: [Planet]) { length } }');
    expect(badKind.errors?.[0]?.message).toMatch(/Planet/);
  });
});
