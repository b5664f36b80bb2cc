import { getNamedType, isIntrospectionType, type ASTVisitor, type GraphQLError, type ValidationContext } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { ErrorCode } from '../../schema/errors.ts';
import { documentRejected } from './rejection.ts';
import { rewriteError } from './rewrite-error.ts';

/**
 * Whether clients may learn the schema beyond what they already know. With `introspection` off,
 * `__schema` and `__type` are refused (`INTROSPECTION_DISABLED`) and "Did you mean …?" hints are
 * cut from error messages, since guessing names one at a time would reveal the schema just the same.
 * `__typename` stays: clients need it and it names only types they already hold.
 */
export function useSchemaDisclosure({ introspection }: { readonly introspection: boolean }): Plugin {
  if (introspection) return {};
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(noIntrospection);
    },
    // Hints come from validation and from coercing variables, so they are cut from every result.
    onExecutionResult({ result, setResult }) {
      if (!result || Symbol.asyncIterator in result || Array.isArray(result) || !result.errors) return;
      setResult({ ...result, errors: result.errors.map(withoutSuggestion) });
    },
  };
}

function noIntrospection(context: ValidationContext): ASTVisitor {
  return {
    Field(node) {
      // Only where introspection starts (`__schema`, `__type`), not again for every field below it.
      const parent = context.getParentType();
      const type = context.getType();
      if (type && isIntrospectionType(getNamedType(type)) && !(parent && isIntrospectionType(parent))) {
        context.reportError(
          documentRejected(ErrorCode.IntrospectionDisabled, `Introspection is turned off on this server (\`${node.name.value}\`); see the API's published schema instead.`),
        );
      }
    },
  };
}

/**
 * graphql-js appends its hints as " Did you mean …?" at the very end of a message. Only errors about
 * the request (no `path`: validation, variables) hint at the schema; a resolver's hint names data,
 * such as NOT_FOUND's nearest entity names, and stays.
 */
function withoutSuggestion(error: GraphQLError): GraphQLError {
  const hint = error.message.lastIndexOf(' Did you mean ');
  if (error.path !== undefined || hint < 0 || !error.message.endsWith('?')) return error;
  return rewriteError(error, { message: error.message.slice(0, hint) });
}
