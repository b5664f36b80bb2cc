import type { GraphQLError } from 'graphql';
import { clientError, type ErrorCode } from '../../schema/errors.ts';

/**
 * A document refused as a whole, before any resolver runs (a limit, introspection). Like Yoga's
 * own validation errors it is HTTP 400 for clients that accept `application/graphql-response+json`
 * and 200 for `application/json` ones, as the GraphQL-over-HTTP spec asks (`spec: true`).
 */
export function documentRejected(code: ErrorCode, message: string, details: Record<string, unknown> = {}): GraphQLError {
  return clientError(code, message, { ...details, http: { status: 400, spec: true } });
}

/** A request refused at the HTTP level (too large, CSRF) with this status for every client; Yoga strips `http` from the body. */
export function requestRejected(code: ErrorCode, message: string, status: number, details: Record<string, unknown> = {}): GraphQLError {
  return clientError(code, message, { ...details, http: { status } });
}
