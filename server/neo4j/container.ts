/**
 * A throwaway Neo4j in a container, for tests and benchmarks where a container runtime exists.
 * testcontainers is a development dependency, so it is imported only when this way is taken.
 */
export const NEO4J_IMAGE = 'neo4j:5.26-community';
const PROBE_TIMEOUT_MS = 5_000;

export interface StartedContainer {
  readonly uri: string;
  readonly user: string;
  readonly password: string;
  stop(): Promise<void>;
}

/** Whether a container runtime answers, within a few seconds; any failure means no. */
export async function containerRuntimeAnswers(): Promise<boolean> {
  const probe = (async () => {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
    return true;
  })();
  const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), PROBE_TIMEOUT_MS).unref());
  // A refusal is the expected answer on machines without Docker: it means "take the next way".
  return Promise.race([probe.catch(() => false), timeout]);
}

export async function startNeo4jContainer(): Promise<StartedContainer> {
  const { Neo4jContainer } = await import('@testcontainers/neo4j');
  const container = await new Neo4jContainer(NEO4J_IMAGE).start();
  return {
    uri: container.getBoltUri(),
    user: container.getUsername(),
    password: container.getPassword(),
    stop: async () => {
      await container.stop();
    },
  };
}
