import { StartupError } from '../errors.ts';

/** The three ways to get a Neo4j, in the order they are tried. */
export type Neo4jWay = 'uri' | 'container' | 'embedded';

export interface Neo4jProbe {
  /** NEO4J_URI, when set: anyone's own Neo4j always wins. */
  readonly uri: string | undefined;
  /** Containers are for tests and benchmarks; `npm start` never starts one. */
  readonly allowContainer: boolean;
  /** Asked only when needed, because asking takes a moment. */
  readonly containerRuntime: () => Promise<boolean>;
  readonly java: boolean;
  readonly mvn: boolean;
}

/** Picks how to get Neo4j, or explains the three ways out when there is none. */
export async function chooseNeo4jWay(probe: Neo4jProbe): Promise<Neo4jWay> {
  if (probe.uri !== undefined) return 'uri';
  if (probe.allowContainer && (await probe.containerRuntime())) return 'container';
  if (probe.java && probe.mvn) return 'embedded';
  const missing = [probe.java ? undefined : '`java` (17+)', probe.mvn ? undefined : '`mvn`'].filter(Boolean).join(' and ');
  throw new StartupError(
    `no Neo4j to use: NEO4J_URI is not set${probe.allowContainer ? ', no container runtime answers' : ''}, and ${missing} ` +
      'not on the PATH. Either set NEO4J_URI (with NEO4J_USER/NEO4J_PASSWORD) to your own Neo4j, ' +
      'or install Java 17+ and Maven for the embedded Neo4j, or run `docker compose up`.',
  );
}
