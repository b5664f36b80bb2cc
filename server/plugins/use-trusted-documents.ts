import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import { GraphQLError, parse } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { messageOf } from '../../model/errors.ts';
import { ErrorCode } from '../../schema/errors.ts';
import { StartupError } from '../errors.ts';
import { documentRejected } from './rejection.ts';

/** The documents a front end was built with, by the SHA-256 (hex) of their text. */
export type TrustedDocuments = ReadonlyMap<string, string>;

const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * Reads a manifest `{ "<sha256 hex of the document>": "<document>" }` at start-up. Every problem
 * (a key that is not the document's hash, a document that does not parse) is listed in one
 * StartupError: a stale manifest would otherwise fail only when a client first sends the hash.
 */
export function loadTrustedDocuments(path: string): TrustedDocuments {
  let manifest: unknown;
  try {
    manifest = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new StartupError(`TRUSTED_DOCUMENTS: cannot read ${path} as JSON: ${messageOf(error)}`);
  }
  if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest)) {
    throw new StartupError(`TRUSTED_DOCUMENTS: ${path} must hold one JSON object of hash → document`);
  }
  const documents = new Map<string, string>();
  const problems: string[] = [];
  for (const [hash, document] of Object.entries(manifest)) {
    if (typeof document !== 'string') problems.push(`${hash}: the document must be a string`);
    else if (!SHA256_HEX.test(hash) || sha256(document) !== hash) problems.push(`${hash}: not the SHA-256 of its document (that is ${sha256(document)})`);
    else {
      const syntaxError = syntaxErrorIn(document);
      if (syntaxError) problems.push(`${hash}: ${syntaxError}`);
      else documents.set(hash, document);
    }
  }
  if (problems.length > 0) throw new StartupError(`TRUSTED_DOCUMENTS: ${path} has ${problems.length} bad entr${problems.length === 1 ? 'y' : 'ies'}: ${problems.join('; ')}`);
  return documents;
}

/**
 * Runs only the manifest's documents, asked for by hash as in Apollo's persisted queries
 * (`"extensions": {"persistedQuery": {"version": 1, "sha256Hash": "…"}}`); a document sent as text is refused.
 */
export function useTrustedDocuments(documents: TrustedDocuments): Plugin {
  const howTo = 'send `extensions.persistedQuery` = {"version": 1, "sha256Hash": "<hash>"} with a hash from the manifest the client was built with';
  return usePersistedOperations({
    getPersistedOperation: (hash) => documents.get(hash) ?? null,
    allowArbitraryOperations: false,
    customErrors: {
      persistedQueryOnly: () => documentRejected(ErrorCode.TrustedDocumentRequired, `This server runs trusted documents only: instead of the query text, ${howTo}.`),
      keyNotFound: () => documentRejected(ErrorCode.TrustedDocumentRequired, `No document was named: ${howTo}.`),
      notFound: () => documentRejected(ErrorCode.TrustedDocumentNotFound, `No trusted document has that hash; ${howTo}.`),
    },
  });
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function syntaxErrorIn(document: string): string | undefined {
  try {
    parse(document);
    return undefined;
  } catch (error) {
    if (error instanceof GraphQLError) return error.message;
    throw error;
  }
}
