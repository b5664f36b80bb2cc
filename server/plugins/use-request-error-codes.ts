import type { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { ErrorCode } from '../../schema/errors.ts';
import { rewriteError } from './rewrite-error.ts';

/**
 * graphql-js reports a few problems with the request itself without a code: variables that do
 * not coerce, a `subscription` when the schema has none. They get BAD_REQUEST, so that every error
 * a client sees has a code to act on. Resolvers' errors (those with a `path`) keep theirs, and
 * unexpected ones are masked by Yoga as INTERNAL_SERVER_ERROR.
 */
export function useRequestErrorCodes(): Plugin {
  return {
    onExecutionResult({ result, setResult }) {
      if (!result || Symbol.asyncIterator in result || Array.isArray(result) || !result.errors?.some(isUncodedRequestError)) return;
      setResult({ ...result, errors: result.errors.map((error) => (isUncodedRequestError(error) ? withBadRequestCode(error) : error)) });
    },
  };
}

function isUncodedRequestError(error: GraphQLError): boolean {
  return error.path === undefined && typeof error.extensions['code'] !== 'string';
}

function withBadRequestCode(error: GraphQLError): GraphQLError {
  return rewriteError(error, { extensions: { ...error.extensions, code: ErrorCode.BadRequest } });
}
