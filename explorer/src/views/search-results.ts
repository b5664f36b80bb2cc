import type { App } from '../app.ts';
import { h, replace } from '../dom.ts';
import { entityHref, hrefOf } from '../router.ts';
import { describeTime } from '../time.ts';
import type { SearchAnswer } from '../types.ts';
import { errorPanel } from './error-panel.ts';
import { entityLink, heading, kindBadge, loading } from './parts.ts';

/** Every hit for `q` (up to a page of 50), with kind, dates and aliases: /explorer?q=…. */
export async function searchResultsView(app: App, q: string): Promise<void> {
  app.title(`Search: ${q}`);
  replace(app.main, loading('the results'));
  try {
    const { search } = await app.api<SearchAnswer>('search', { query: q, first: 50 }, app.signal);
    if (app.signal.aborted) return;
    replace(
      app.main,
      heading(`Results for “${q}”`),
      h('p', { class: 'muted' }, search.totalCount === 0 ? 'Nothing matches. Check the spelling, or try a shorter word.' : `${search.totalCount} match${search.totalCount === 1 ? '' : 'es'}, best first.`),
      h(
        'ol',
        { class: 'results' },
        ...search.edges.map(({ node }) =>
          h(
            'li',
            {},
            entityLink(node),
            ' ',
            kindBadge(node.kind),
            node.time ? h('span', { class: 'hit-time' }, describeTime(node.time)) : '',
            node.aliases.length > 0 ? h('p', { class: 'muted' }, `Also: ${node.aliases.join(', ')}`) : '',
          ),
        ),
      ),
    );
  } catch (error) {
    if (!app.signal.aborted) replace(app.main, heading(`Results for “${q}”`), errorPanel(error, { linkFor: (ref) => entityHref(ref.id), retry: () => app.navigate(hrefOf({ view: 'search', q }), { replace: true }) }));
  }
  app.focusHeading();
}
