/** A problem with how the process was set up (configuration, Neo4j, port): printed as one line, exit 1. */
export class StartupError extends Error {
  override readonly name = 'StartupError';
}

/** The embedded Neo4j's Bolt port is taken (Neo4j Desktop, a second checkout): a StartupError that knows the port. */
export class BoltPortInUseError extends StartupError {
  constructor(readonly port: number) {
    super(`port ${port} on 127.0.0.1 is already in use`);
  }
}
