import { OPERATIONS, type OperationKey } from '../operations.ts';
import manifest from '../trusted-documents.json';
import type { ExplorerConfig } from './config.ts';
import type { EntityRef } from './types.ts';

/** Each document's hash in the committed manifest: what the explorer sends to a server that runs trusted documents only. */
const HASHES = new Map(Object.entries(manifest as Record<string, string>).map(([hash, document]) => [document, hash]));

/** An answer the explorer cannot show as data: an error of the API (with its code) or no answer at all. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    message: string,
    /** `extensions.code`, or NETWORK when the server did not answer, HTTP when it answered something that is not GraphQL. */
    readonly code: string,
    /** NOT_FOUND: the nearest names. */
    readonly suggestions: readonly EntityRef[] = [],
    /** AMBIGUOUS: every entity the name fits. */
    readonly candidates: readonly EntityRef[] = [],
    /** The server's id for the request, to quote in a report. */
    readonly requestId: string | null = null,
    /** NOT_FOUND, AMBIGUOUS: which argument named nothing, or too much. */
    readonly argument: string | null = null,
  ) {
    super(message);
  }
}

interface GraphQLAnswer<T> {
  readonly data?: T | null;
  readonly errors?: readonly { readonly message: string; readonly extensions?: Record<string, unknown> }[];
}

export type Api = <T>(operation: OperationKey, variables?: Record<string, unknown>, signal?: AbortSignal) => Promise<T>;

/**
 * Sends one of the explorer's named operations as a JSON POST (which needs no CSRF header) and resolves with its
 * data, or rejects with an ApiError. With trusted documents on, the operation goes by its hash alone.
 */
export function createApi(config: ExplorerConfig): Api {
  return async <T>(operation: OperationKey, variables: Record<string, unknown> = {}, signal?: AbortSignal): Promise<T> => {
    const document = OPERATIONS[operation];
    const hash = HASHES.get(document);
    if (config.persisted && !hash) throw new ApiError(`The operation ${operation} is missing from explorer/trusted-documents.json.`, 'TRUSTED_DOCUMENT_NOT_FOUND');
    const body = config.persisted ? { variables, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } } : { query: document, variables };
    let response: Response;
    try {
      response = await fetch(config.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
        body: JSON.stringify(body),
        signal: signal ?? null,
      });
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new ApiError('The server did not answer: it may have stopped, or the network is down.', 'NETWORK');
    }
    const requestId = response.headers.get('x-request-id');
    let answer: GraphQLAnswer<T>;
    try {
      answer = (await response.json()) as GraphQLAnswer<T>;
    } catch {
      throw new ApiError(`The server answered ${response.status} ${response.statusText} instead of GraphQL.`, 'HTTP', [], [], requestId);
    }
    const error = answer.errors?.[0];
    if (error) {
      const extensions = error.extensions ?? {};
      const code = typeof extensions['code'] === 'string' ? extensions['code'] : 'UNKNOWN';
      const argument = typeof extensions['argument'] === 'string' ? extensions['argument'] : null;
      throw new ApiError(error.message, code, refsOf(extensions['suggestions']), refsOf(extensions['candidates']), requestId, argument);
    }
    if (!answer.data) throw new ApiError('The server sent an answer without data.', 'HTTP', [], [], requestId);
    return answer.data;
  };
}

function refsOf(value: unknown): EntityRef[] {
  return Array.isArray(value) ? value.filter((item): item is EntityRef => typeof item === 'object' && item !== null && 'id' in item && 'name' in item) : [];
}
