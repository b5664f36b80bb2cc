import { ApiError } from '../api.ts';
import { h } from '../dom.ts';
import type { EntityRef } from '../types.ts';

/**
 * What went wrong, as a person would want to read it: names to choose from for NOT_FOUND and AMBIGUOUS, a way
 * to try again when the database is away, the server's words for a bad input; never raw JSON.
 * `linkFor` turns a suggested entity into the link that asks the same question again with it.
 */
export function errorPanel(
  error: unknown,
  { linkFor, retry, what = 'it' }: { linkFor: (ref: EntityRef, argument: string | null) => string; retry?: () => void; what?: string },
): HTMLElement {
  const panel = h('div', { class: 'error-panel', role: 'alert' });
  if (!(error instanceof ApiError)) {
    panel.append(h('h2', {}, 'Something went wrong in the explorer'), h('p', {}, error instanceof Error ? error.message : String(error)));
    return panel;
  }
  // Candidates may share their name, so they show their ids too.
  const choices = (refs: readonly EntityRef[], withIds = false) =>
    h('ul', { class: 'choices' }, ...refs.map((ref) => h('li', {}, h('a', { href: linkFor(ref, error.argument) }, ref.name), withIds ? ` (${ref.kind}, id ${ref.id})` : ` (${ref.kind})`)));
  const retryButton = retry ? h('button', { type: 'button', onclick: retry }, 'Try again') : '';
  switch (error.code) {
    case 'NOT_FOUND':
      panel.append(
        h('h2', {}, `Nothing is called ${quoted(error.message) ?? what}`),
        error.suggestions.length > 0 ? h('p', {}, 'Did you mean:') : h('p', {}, 'No name comes close. Try the search box above.'),
        error.suggestions.length > 0 ? choices(error.suggestions) : '',
      );
      break;
    case 'AMBIGUOUS':
      panel.append(h('h2', {}, `${quoted(error.message) ?? 'That name'} names ${error.candidates.length} entities`), h('p', {}, 'Which one did you mean?'), choices(error.candidates, true));
      break;
    case 'SERVICE_UNAVAILABLE':
    case 'NETWORK':
      panel.append(h('h2', {}, 'The knowledge graph is not answering right now'), h('p', {}, 'Its database may be restarting. Try again in a moment.'), retryButton);
      break;
    case 'QUERY_TIMEOUT':
      panel.append(h('h2', {}, 'That took too long'), h('p', {}, 'The server stopped the question after its time limit. Try again, or ask for less (one hop instead of two).'), retryButton);
      break;
    case 'TRUSTED_DOCUMENT_NOT_FOUND':
    case 'TRUSTED_DOCUMENT_REQUIRED':
      panel.append(
        h('h2', {}, 'This server does not accept the explorer’s questions'),
        h('p', {}, 'It runs only the operations in its trusted-documents manifest (TRUSTED_DOCUMENTS), and the explorer’s are not all there. Its operator can add the entries of explorer/trusted-documents.json to that manifest.'),
      );
      break;
    case 'BAD_USER_INPUT':
      panel.append(h('h2', {}, 'The server cannot use that input'), h('p', {}, error.message.replace(/`/g, '')));
      break;
    default:
      panel.append(h('h2', {}, 'The server could not answer'), h('p', {}, error.message), retryButton);
  }
  if (error.requestId) panel.append(h('p', { class: 'muted request-id' }, `Request id ${error.requestId}, for a report.`));
  return panel;
}

/** The name the server quoted in its message (`nothing is called "Irkstam".`), in typographic quotes. */
function quoted(message: string): string | undefined {
  const match = /"([^"]+)"/.exec(message);
  return match ? `“${match[1]}”` : undefined;
}
