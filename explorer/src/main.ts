import { createApi } from './api.ts';
import type { App } from './app.ts';
import { readConfig } from './config.ts';
import { h, replace } from './dom.ts';
import { BASE, parseRoute, type Route } from './router.ts';
import { entityView } from './views/entity.ts';
import { homeView } from './views/home.ts';
import { heading } from './views/parts.ts';
import { pathView, treatiesView } from './views/questions.ts';
import { searchBox } from './views/search-box.ts';
import { searchResultsView } from './views/search-results.ts';
import { sourceView } from './views/source.ts';
import './explorer.css';

/**
 * The explorer: a client of the public GraphQL API, nothing private. One page; the address says which view it
 * shows, links and the back button move between views without reloading.
 */
const config = readConfig();
const api = createApi(config);

const main = h('main', { id: 'main', tabindex: '-1' });
const search = searchBox(api, (href) => navigate(href));
const root = document.getElementById('app');
if (!root) throw new Error('the explorer page lacks #app');
replace(
  root,
  h('a', { class: 'skip-link', href: '#main' }, 'Skip to content'),
  h(
    'header',
    { class: 'site-header' },
    h('a', { class: 'brand', href: BASE }, 'Tianshan ', h('span', {}, 'explorer')),
    search.element,
    h('nav', { 'aria-label': 'Other tools' }, config.graphiql ? h('a', { href: config.endpoint }, 'GraphiQL') : ''),
  ),
  config.operationsTrusted
    ? ''
    : h('p', { class: 'error-panel banner', role: 'alert' }, 'This server runs trusted documents only, and its manifest lacks some of the explorer’s operations: add the entries of explorer/trusted-documents.json to it.'),
  main,
);

let leaving: (() => void)[] = [];
let current: AbortController | undefined;
let firstView = true;

async function render(): Promise<void> {
  for (const cleanup of leaving) cleanup();
  leaving = [];
  current?.abort();
  const controller = (current = new AbortController());
  const route = parseRoute(new URL(location.href));
  const isFirst = firstView;
  firstView = false;
  search.setQuery(route.view === 'search' ? route.q : '');
  const app: App = {
    api,
    config,
    main,
    signal: controller.signal,
    navigate,
    title: (text) => (document.title = `${text} · Tianshan explorer`),
    focusHeading: () => {
      if (!isFirst) main.querySelector<HTMLElement>('.view-heading')?.focus();
    },
    onLeave: (cleanup) => {
      if (controller.signal.aborted) cleanup();
      else leaving.push(cleanup);
    },
  };
  main.setAttribute('aria-busy', 'true');
  await show(app, route);
  if (!controller.signal.aborted) main.setAttribute('aria-busy', 'false');
}

function show(app: App, route: Route): Promise<void> {
  switch (route.view) {
    case 'home':
      return homeView(app);
    case 'search':
      return searchResultsView(app, route.q);
    case 'entity':
      return entityView(app, route.id, route.hops);
    case 'source':
      return sourceView(app, route.id, route.quote);
    case 'treaties':
      return treatiesView(app, route.place);
    case 'path':
      return pathView(app, route.from, route.to);
    case 'unknown':
      app.title('No such page');
      replace(app.main, heading('No such page'), h('p', {}, 'The explorer has no view at this address. ', h('a', { href: BASE }, 'Start again')));
      return Promise.resolve();
  }
}

function navigate(href: string, { replace: replacing = false }: { replace?: boolean } = {}): void {
  if (replacing) history.replaceState(null, '', href);
  else history.pushState(null, '', href);
  void render();
}

// Links within the explorer change the view in place; any other link (GraphiQL, a source's site) loads as usual.
document.addEventListener('click', (event) => {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const link = event.target instanceof Element ? event.target.closest('a') : null;
  const href = link?.getAttribute('href');
  if (!link || !href || link.getAttribute('target')) return;
  const url = new URL(href, location.href);
  if (url.origin !== location.origin || !(url.pathname === BASE || url.pathname.startsWith(`${BASE}/`))) return;
  event.preventDefault();
  if (url.href !== location.href) navigate(url.pathname + url.search);
});
window.addEventListener('popstate', () => void render());
void render();
