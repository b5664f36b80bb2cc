// Whatever a treaty did to a place, recorded as a relation, makes it a treaty affecting that place, and
// everything containing the place: pinned over every such relation of the seed.
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { TREATY_EFFECT_TYPES } from '../../model/relations.ts';
import { loadSeed, testDriver } from '../support/database.ts';
import { dataOf, testApp } from '../support/app.ts';

const PLACE_KINDS = ['Region', 'Border', 'State', 'Empire', 'Pass'];

let driver: Driver;
let graphql: ReturnType<typeof testApp>['graphql'];
let effects: { treaty: string; type: string; place: string; containers: string[] }[];

beforeAll(async () => {
  driver = testDriver();
  await loadSeed(driver);
  graphql = testApp(driver).graphql;
  const { records } = await driver.executeQuery(
    `MATCH (t:Treaty)-[r]->(p:Entity) WHERE p.kind IN $places
     RETURN t.id AS treaty, type(r) AS type, p.id AS place, [(p)-[:WITHIN*1..]->(c:Entity) | c.id] AS containers`,
    { places: PLACE_KINDS },
    { database: inject('neo4j').database },
  );
  effects = records.map((record) => record.toObject() as (typeof effects)[number]);
});
afterAll(() => driver.close());

async function affecting(place: string): Promise<string[]> {
  const { treaties } = dataOf<{ treaties: { nodes: { id: string }[] } }>(
    await graphql('query ($place: String) { treaties(affecting: $place, first: 100) { nodes { id } } }', { place }),
  );
  return treaties.nodes.map((node) => node.id);
}

describe('treaties affecting a place', () => {
  it('are recorded in the seed only by the relation types that count, AFFECTED among them', () => {
    expect(effects.length).toBeGreaterThan(15);
    expect(effects.filter((effect) => !(TREATY_EFFECT_TYPES as readonly string[]).includes(effect.type))).toEqual([]);
    expect(effects.filter((effect) => effect.type === 'AFFECTED').map((effect) => `${effect.treaty} -> ${effect.place}`)).toEqual(
      expect.arrayContaining(['treaty-of-uliastai-1870 -> lake-zaysan', 'treaty-of-tarbagatai-1864 -> lake-zaysan']),
    );
  });

  it('include every treaty-to-place relation, on the place and on everything that contains it', async () => {
    const missing: string[] = [];
    const answers = new Map<string, string[]>();
    for (const { treaty, type, place, containers } of effects) {
      for (const area of [place, ...containers]) {
        if (!answers.has(area)) answers.set(area, await affecting(area));
        if (!answers.get(area)?.includes(treaty)) missing.push(`${treaty} -${type}-> ${place}, asked of ${area}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("include every such relation in the place's own `treaties` field", async () => {
    const missing: string[] = [];
    for (const { treaty, place } of effects) {
      const { entity } = dataOf<{ entity: { treaties?: { nodes: { id: string }[] } } }>(
        await graphql('query ($id: ID!) { entity(id: $id) { ... on Region { treaties { nodes { id } } } ... on Border { treaties { nodes { id } } } } }', { id: place }),
      );
      // States, empires and passes have no `treaties` field: `treaties(affecting:)` answers for them.
      if (entity.treaties && !entity.treaties.nodes.some((node) => node.id === treaty)) missing.push(`${treaty} -> ${place}`);
    }
    expect(missing).toEqual([]);
  });
});
