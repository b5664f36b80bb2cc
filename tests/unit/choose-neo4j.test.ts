import { describe, expect, it } from 'vitest';
import { StartupError } from '../../server/errors.ts';
import { chooseNeo4jWay, type Neo4jProbe } from '../../server/neo4j/choose.ts';

const base: Neo4jProbe = { uri: undefined, allowContainer: true, containerRuntime: async () => true, java: true, mvn: true };

describe('choosing how to get Neo4j', () => {
  it('takes NEO4J_URI first, without asking for a container runtime', async () => {
    let asked = false;
    const way = await chooseNeo4jWay({ ...base, uri: 'neo4j+s://x.databases.neo4j.io', containerRuntime: async () => (asked = true) });
    expect(way).toBe('uri');
    expect(asked).toBe(false);
  });

  it('takes a container in tests when a runtime answers', async () => {
    expect(await chooseNeo4jWay(base)).toBe('container');
  });

  it('never starts a container for npm start', async () => {
    let asked = false;
    expect(await chooseNeo4jWay({ ...base, allowContainer: false, containerRuntime: async () => (asked = true) })).toBe('embedded');
    expect(asked).toBe(false);
  });

  it('falls back to the embedded Neo4j when no runtime answers', async () => {
    expect(await chooseNeo4jWay({ ...base, containerRuntime: async () => false })).toBe('embedded');
  });

  it('names the three ways out when none is possible', async () => {
    const failure = chooseNeo4jWay({ ...base, containerRuntime: async () => false, java: false });
    await expect(failure).rejects.toBeInstanceOf(StartupError);
    await expect(failure).rejects.toThrow(/`java` \(17\+\) not on the PATH.*NEO4J_URI.*Java 17\+ and Maven.*docker compose up/);
  });
});
