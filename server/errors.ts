/** A problem with how the process was set up (configuration, Neo4j, port): printed as one line, exit 1. */
export class StartupError extends Error {
  override readonly name = 'StartupError';
}
