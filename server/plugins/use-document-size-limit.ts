import type { Plugin } from 'graphql-yoga';
import { ErrorCode } from '../../schema/errors.ts';
import { requestRejected } from './rejection.ts';

type FetchAPI = Parameters<NonNullable<Plugin['onRequestParse']>>[0]['fetchAPI'];

/**
 * Refuses a GraphQL request whose body (or, for GET, query string) is over `maxBytes`, with HTTP
 * 413 and `DOCUMENT_TOO_LARGE`, before it is parsed. A declared `Content-Length` is checked up
 * front; a body without one (chunked) is counted while it is read and cut off at the limit, so it
 * is never buffered whole. This replaces Yoga's own `maxRequestBodySize`, turned off in yoga.ts,
 * which would answer with a code that does not name our limit.
 */
export function useDocumentSizeLimit(maxBytes: number): Plugin {
  const limit = formatBytes(maxBytes);
  const tooLarge = (what: string) =>
    requestRejected(
      ErrorCode.DocumentTooLarge,
      `${what}. Shorten the document, pass fewer or shorter variables, or split the request.`,
      413,
      { limit: maxBytes },
    );

  return {
    onRequestParse({ request, url, requestParser, setRequestParser, fetchAPI }) {
      if (request.method === 'GET') {
        const bytes = Buffer.byteLength(url.search);
        if (bytes > maxBytes) throw tooLarge(`The query string is ${formatBytes(bytes)}; the limit is ${limit}`);
        return;
      }
      const declared = declaredLength(request);
      if (declared !== undefined) {
        // Node's HTTP parser never passes on more body than Content-Length says, so checking it suffices.
        if (declared > maxBytes) throw tooLarge(`The request body is ${formatBytes(declared)}; the limit is ${limit}`);
      } else if (requestParser && request.body) {
        setRequestParser((original) => requestParser(withBodyLimit(original, maxBytes, () => tooLarge(`The request body is over the limit of ${limit}`), fetchAPI)));
      }
    },
  };
}

/** The same request, whose body stream fails with `error()` once more than `maxBytes` have come through. */
function withBodyLimit(request: Request, maxBytes: number, error: () => Error, fetchAPI: FetchAPI): Request {
  let bytesRead = 0;
  const counter = {
    transform(chunk: Uint8Array, controller: TransformStreamDefaultController<Uint8Array>) {
      bytesRead += chunk.byteLength;
      if (bytesRead > maxBytes) controller.error(error());
      else controller.enqueue(chunk);
    },
  };
  // Node's own streams and the fetch ponyfill's do not pipe into each other: use the body's kind (as Yoga does).
  const Transform = request.body instanceof ReadableStream ? TransformStream : fetchAPI.TransformStream;
  const body = request.body?.pipeThrough(new Transform<Uint8Array, Uint8Array>(counter));
  // A stream body needs `duplex: 'half'` (the fetch standard); the ponyfill's typings do not list it yet.
  const init: RequestInit & { duplex: 'half' } = { method: request.method, headers: request.headers, signal: request.signal, body, duplex: 'half' };
  return new fetchAPI.Request(request.url, init);
}

/** The body's length from `Content-Length`, if that is a plain number; anything else is counted as it is read. */
function declaredLength(request: Request): number | undefined {
  const declared = request.headers.get('content-length');
  return declared !== null && /^\d+$/.test(declared) ? Number(declared) : undefined;
}

function formatBytes(bytes: number): string {
  return `${bytes.toLocaleString('en-US')} bytes`;
}
