import type { Plugin } from 'graphql-yoga';
import { ErrorCode } from '../../schema/errors.ts';
import { requestRejected } from './rejection.ts';

/**
 * Yoga reads `variables` and `extensions` from a GET query string or a form body with a bare
 * `JSON.parse`, so broken JSON there would surface as a masked 500. It is the client's mistake:
 * answer 400 `BAD_REQUEST` saying which, as Yoga already does for a broken JSON body.
 */
export function useMalformedParams(): Plugin {
  return {
    onRequestParse({ requestParser, setRequestParser }) {
      if (!requestParser) return;
      setRequestParser(async (request) => {
        try {
          return await requestParser(request);
        } catch (error) {
          if (!(error instanceof SyntaxError)) throw error;
          throw requestRejected(ErrorCode.BadRequest, `\`variables\` or \`extensions\` is not valid JSON: ${error.message}`, 400);
        }
      });
    },
  };
}
