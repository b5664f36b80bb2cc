import { GraphQLError } from 'graphql';

interface Changes {
  readonly message?: string;
  readonly extensions?: GraphQLError['extensions'];
  readonly originalError?: Error;
}

/** The same error (nodes, path, cause) with another message, extensions or original: GraphQLError's own fields are read-only. */
export function rewriteError(error: GraphQLError, changes: Changes): GraphQLError {
  return new GraphQLError(changes.message ?? error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: changes.originalError ?? error.originalError,
    extensions: changes.extensions ?? error.extensions,
  });
}
