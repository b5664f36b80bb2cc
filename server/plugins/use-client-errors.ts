import { GraphQLError } from 'graphql';
import { handleStreamOrSingleExecutionResult, type Plugin } from 'graphql-yoga';
import { clientErrorOf } from '../../schema/errors.ts';
import { rewriteError } from './rewrite-error.ts';

/**
 * Resolvers let the errors of the layers below (a domain rule broken, the database gone) reach
 * execution as they are; this gives each its client code and message (schema/errors.ts), keeping
 * the error's place in the response. It runs before Yoga's masking, which then hides only the
 * truly unexpected.
 */
export function useClientErrors(): Plugin {
  return {
    onExecute() {
      return {
        onExecuteDone: (payload) =>
          handleStreamOrSingleExecutionResult(payload, ({ result, setResult }) => {
            if (!result.errors?.some(isTranslatable)) return;
            setResult({ ...result, errors: result.errors.map(translated) });
          }),
      };
    },
  };
}

function isTranslatable(error: GraphQLError): boolean {
  return clientErrorOf(error.originalError) !== error.originalError;
}

function translated(error: GraphQLError): GraphQLError {
  const client = clientErrorOf(error.originalError);
  if (!(client instanceof GraphQLError) || client === error.originalError) return error;
  // The client error becomes the original: Yoga leaves coded GraphQL errors alone, and the request
  // log finds the database's error as its cause.
  return rewriteError(error, { message: client.message, extensions: client.extensions, originalError: client });
}
