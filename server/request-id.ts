import { randomUUID } from 'node:crypto';

/** A caller's id is kept only when it is short and plain, since it goes into logs and Neo4j metadata. */
const GIVEN_REQUEST_ID = /^[\w.:-]{1,128}$/;
const ids = new WeakMap<Request, string>();

/**
 * The id of a request: the caller's `x-request-id` when it looks like one, else a new UUID. The
 * same for every caller during the request (context, logs, metrics), because it is kept per request.
 */
export function requestIdOf(request: Request): string {
  let id = ids.get(request);
  if (id === undefined) {
    const given = request.headers.get('x-request-id');
    id = given !== null && GIVEN_REQUEST_ID.test(given) ? given : randomUUID();
    ids.set(request, id);
  }
  return id;
}
