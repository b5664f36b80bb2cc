import type { Plugin } from 'graphql-yoga';
import { CypherExecutor } from '../../cypher/executor.ts';
import { ErrorCode } from '../../schema/errors.ts';
import { requestRejected } from './rejection.ts';

/**
 * Read-your-writes on a Neo4j cluster. A mutation's answer carries the bookmarks of its transaction, in
 * `extensions.bookmarks` and in this response header; a client that sends them back in this request header
 * gets reads that wait until the cluster member serving them has that write. Requests without it read
 * without waiting, as before.
 */
export const BOOKMARKS_HEADER = 'neo4j-bookmarks';

/** Neo4j's bookmarks are short printable tokens; a list is comma-separated. Bounds keep the header from carrying anything else. */
const BOOKMARK = /^[\x21-\x2b\x2d-\x7e]{1,512}$/;
const MAX_BOOKMARKS = 16;

/** The bookmarks a request sends back, or BAD_REQUEST (400) for a header that cannot hold any. */
export function bookmarksOf(request: Request): string[] {
  const header = request.headers.get(BOOKMARKS_HEADER);
  if (header === null) return [];
  const bookmarks = header.split(',').map((bookmark) => bookmark.trim()).filter((bookmark) => bookmark !== '');
  if (bookmarks.length > MAX_BOOKMARKS || !bookmarks.every((bookmark) => BOOKMARK.test(bookmark))) {
    throw requestRejected(
      ErrorCode.BadRequest,
      `The \`${BOOKMARKS_HEADER}\` header must be the bookmarks a mutation answered (at most ${MAX_BOOKMARKS}, comma-separated), sent back unchanged.`,
      400,
    );
  }
  return bookmarks;
}

/** Refuses a malformed bookmarks header before anything runs, and hands a write's bookmarks to the client. */
export function useBookmarks(): Plugin {
  const written = new WeakMap<Request, readonly string[]>();
  return {
    onRequestParse({ request }) {
      bookmarksOf(request);
    },
    onExecute({ args }) {
      // The context is ours (server/context.ts), but plugins are typed over Yoga's initial one.
      const context = args.contextValue;
      if (!('executor' in context) || !(context.executor instanceof CypherExecutor)) return;
      const executor = context.executor;
      return {
        onExecuteDone({ result, setResult }) {
          const bookmarks = executor.writeBookmarks;
          if (bookmarks.length === 0 || Symbol.asyncIterator in result) return;
          written.set(context.request, bookmarks);
          setResult({ ...result, extensions: { ...result.extensions, bookmarks } });
        },
      };
    },
    onResponse({ request, response }) {
      const bookmarks = written.get(request);
      if (bookmarks) response.headers.set(BOOKMARKS_HEADER, bookmarks.join(','));
    },
  };
}
