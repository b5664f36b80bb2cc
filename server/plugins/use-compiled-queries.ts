import { useGraphQlJit } from '@envelop/graphql-jit';
import { getOperationAST, getVariableValues, type ExecutionArgs } from 'graphql';

/**
 * Runs queries through graphql-jit, which compiles each document once (kept alongside Yoga's cache of parsed
 * documents) into plain functions. Only queries whose variables are valid: graphql-jit reports bad variables
 * with errors of its own, and mutations are rare; those go through graphql-js's executor, whose errors the rest
 * of the server (and its tests) know. Coercing the variables twice costs little next to execution.
 */
export function useCompiledQueries(): ReturnType<typeof useGraphQlJit> {
  return useGraphQlJit({}, { enableIf: compilable });
}

/** Whether an operation goes through graphql-jit: a query whose variables coerce. Exported for its test. */
export function compilable({ schema, document, operationName, variableValues }: ExecutionArgs): boolean {
  const operation = getOperationAST(document, operationName);
  if (operation?.operation !== 'query') return false;
  return getVariableValues(schema, operation.variableDefinitions ?? [], variableValues ?? {}).errors === undefined;
}
