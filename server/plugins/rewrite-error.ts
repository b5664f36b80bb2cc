import { GraphQLError } from 'graphql';

/** The same error (nodes, path, cause) with another message or extensions: GraphQLError's own fields are read-only. */
export function rewriteError(error: GraphQLError, changes: { readonly message?: string; readonly extensions?: GraphQLError['extensions'] }): GraphQLError {
  return new GraphQLError(changes.message ?? error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: changes.extensions ?? error.extensions,
  });
}
