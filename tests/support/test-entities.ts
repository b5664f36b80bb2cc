import { afterAll, afterEach, beforeAll, inject } from 'vitest';
import type { Driver } from 'neo4j-driver';
import { entityRecord, relationRecord } from '../../model/codec.ts';
import { entitySchema, relationSchema } from '../../model/fixture-schema.ts';
import type { EntityKind } from '../../model/kinds.ts';
import { testApp } from './app.ts';
import { loadSeed, testDriver } from './database.ts';

/**
 * Entities and relations written straight to the run's Neo4j as the loader stores them, in a dataset of their
 * own, so that a test can change the graph between two pages; `clear` removes them (call it in afterEach).
 */
export function testEntities(driver: Driver, dataset: string) {
  async function run(cypher: string, params: Record<string, unknown> = {}): Promise<void> {
    await driver.executeQuery(cypher, params, { database: inject('neo4j').database });
  }

  async function insert(kind: EntityKind, entities: { id: string; name: string; year?: number }[]): Promise<void> {
    const rows = entities.map(({ id, name, year }) =>
      entityRecord(
        entitySchema.parse({ id, kind, name, description: 'A test entity.', sources: [{ quote: 'x' }], ...(year ? { time: { start: String(year).padStart(4, '0'), precision: 'year' } } : {}) }),
        dataset,
        'test',
      ).props,
    );
    await run(`UNWIND $rows AS props CREATE (e:Entity:${kind}) SET e = props`, { rows });
  }

  async function relate(type: 'CONCERNS' | 'WITHIN', from: string, tos: string[]): Promise<void> {
    const rows = tos.map((to) => {
      const record = relationRecord(relationSchema.parse({ type, from, to, sources: [{ quote: 'x' }] }), dataset, 'test');
      return { from, to, props: record.props };
    });
    await run(`UNWIND $rows AS row MATCH (a:Entity {id: row.from}), (b:Entity {id: row.to}) CREATE (a)-[r:${type}]->(b) SET r = row.props`, { rows });
  }

  async function remove(ids: string[]): Promise<void> {
    await run('MATCH (e:Entity) WHERE e.id IN $ids DETACH DELETE e', { ids });
  }

  const clear = () => run('MATCH (e:Entity {dataset: $dataset}) DETACH DELETE e', { dataset });

  return { insert, relate, remove, clear };
}

/**
 * The seed on the run's Neo4j, the app over it and a test dataset that is emptied after each test, for a test file
 * that changes the graph between requests: registers its hooks and returns what they set up (read it in tests).
 */
export function withTestGraph(dataset: string) {
  const graph = {} as { driver: Driver; graphql: ReturnType<typeof testApp>['graphql']; entities: ReturnType<typeof testEntities> };
  beforeAll(async () => {
    graph.driver = testDriver();
    await loadSeed(graph.driver);
    graph.graphql = testApp(graph.driver).graphql;
    graph.entities = testEntities(graph.driver, dataset);
  });
  afterEach(() => graph.entities.clear());
  afterAll(() => graph.driver.close());
  return graph;
}
