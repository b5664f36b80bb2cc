import type { CORSOptions, Plugin } from 'graphql-yoga';
import { BOOKMARKS_HEADER } from './use-bookmarks.ts';
import { CSRF_HEADER } from './use-csrf-prevention.ts';

/** What Yoga's `cors` option takes: fixed options, or options per request. */
export type CorsPolicy = CORSOptions | ((request: Request) => CORSOptions);

/**
 * CORS for the allowed origins only (`*` allows any). An allowed origin is echoed back; any other
 * origin gets no CORS headers at all, so browsers keep its pages from reading answers. Without
 * origins, no CORS whatsoever: GraphiQL is same-origin and needs none.
 *
 * Yoga's own origin list is not used: it reads an empty list as "any origin" and answers an
 * origin off the list with `Access-Control-Allow-Origin: null`, which a sandboxed page (whose
 * origin is "null") would pass. No credentials: the API authenticates with a bearer token, not cookies.
 */
export function corsAllowList(origins: readonly string[]): CorsPolicy {
  if (origins.length === 0) return false;
  const allowed = new Set(origins);
  const options: CORSOptions = {
    // `*` here makes Yoga echo the request's origin (checked just below) and add `Vary: Origin`.
    origin: ['*'],
    methods: ['GET', 'POST'],
    allowedHeaders: ['content-type', 'accept', 'authorization', 'x-request-id', CSRF_HEADER, BOOKMARKS_HEADER],
    // Retry-After is not among the headers a page may read unless told: a 429 or 503 needs it.
    exposedHeaders: ['x-request-id', 'retry-after', BOOKMARKS_HEADER],
    credentials: false,
    maxAge: 600,
  };
  return (request) => {
    const origin = request.headers.get('origin');
    return origin !== null && (allowed.has('*') || allowed.has(origin)) ? options : false;
  };
}

/**
 * With origins allowed, whether an answer carries CORS headers depends on the request's `Origin`:
 * say so on every answer, or a shared cache could hand one origin's answer to another.
 */
export function useVaryOnOrigin(): Plugin {
  return {
    onResponse({ response }) {
      if (!/\borigin\b/i.test(response.headers.get('vary') ?? '')) response.headers.append('vary', 'Origin');
    },
  };
}
