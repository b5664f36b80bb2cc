import { GraphQLError } from 'graphql';
import { clientErrorOf } from '../../schema/errors.ts';

/** The `extensions.code` a client would get for what a lower layer threw; the error itself when it has none. */
export function clientCodeOf(error: unknown): unknown {
  const client = clientErrorOf(error);
  return client instanceof GraphQLError ? client.extensions['code'] : error;
}
