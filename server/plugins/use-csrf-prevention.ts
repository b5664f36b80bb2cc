import type { Plugin } from 'graphql-yoga';
import { ErrorCode } from '../../schema/errors.ts';
import { requestRejected } from './rejection.ts';

/** The header that proves a request was not forged by another site: any value will do. */
export const CSRF_HEADER = 'x-graphql-csrf';

/** Content types a page on any site may send with a plain form or `fetch` without a CORS preflight. */
const SIMPLE_CONTENT_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain']);

/**
 * Cross-site request forgery prevention (as Yoga's and Apollo's do it). A browser sends a request
 * that another site asks for without first asking us (a CORS preflight) only if it has no content
 * type or a "simple" one and no custom header, so it must have one or the other: a POST with
 * `Content-Type: application/json` needs nothing more, a GET or a form post needs `x-graphql-csrf`.
 * Refused with HTTP 403 before the request is read.
 */
export function useCsrfPrevention(): Plugin {
  return {
    onRequestParse({ request }) {
      // A preflight is the browser asking first; it runs nothing (and Yoga answers it or refuses the method).
      if (request.method === 'OPTIONS') return;
      if (request.headers.has(CSRF_HEADER) || hasNonSimpleContentType(request)) return;
      throw requestRejected(
        ErrorCode.CsrfHeaderRequired,
        `This request could have been sent by another web site. POST it with \`Content-Type: application/json\`, or add the header \`${CSRF_HEADER}: 1\`.`,
        403,
      );
    },
  };
}

function hasNonSimpleContentType(request: Request): boolean {
  // The media type as Yoga's parsers read it: the first of a list, without parameters.
  const mediaType = request.headers.get('content-type')?.split(',')[0]?.split(';')[0]?.trim().toLowerCase();
  return mediaType !== undefined && mediaType !== '' && !SIMPLE_CONTENT_TYPES.has(mediaType);
}
