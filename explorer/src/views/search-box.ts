import { ApiError, type Api } from '../api.ts';
import { h, replace } from '../dom.ts';
import { kindBadge } from './parts.ts';
import { describeTime } from '../time.ts';
import { entityHref, hrefOf } from '../router.ts';
import type { SearchAnswer } from '../types.ts';

type Hit = SearchAnswer['search']['edges'][number]['node'];

const SHOWN = 8;

/**
 * The search box in the header, an ARIA combobox: hits appear as you type (ranked by the API, which tolerates
 * typos), with kind and dates; arrows move through them, Enter opens the one chosen or else the best, Escape
 * closes the list. The last option leads to every hit at /explorer?q=….
 */
export function searchBox(api: Api, navigate: (href: string) => void): { element: HTMLElement; setQuery: (q: string) => void } {
  const input = h('input', {
    id: 'search-input',
    name: 'q',
    type: 'search',
    role: 'combobox',
    'aria-autocomplete': 'list',
    'aria-expanded': 'false',
    'aria-controls': 'search-results',
    autocomplete: 'off',
    spellcheck: 'false',
    placeholder: 'Search places, treaties, people… (typos are fine)',
  });
  const listbox = h('ul', { id: 'search-results', role: 'listbox', 'aria-label': 'Search results', hidden: true });
  const status = h('p', { class: 'visually-hidden', 'aria-live': 'polite' });
  const form = h('form', { class: 'search', role: 'search', action: '/explorer' }, h('label', { for: 'search-input', class: 'visually-hidden' }, 'Search the knowledge graph'), input, listbox, status);

  let hits: Hit[] = [];
  let active = -1;
  let pending: Promise<void> = Promise.resolve();
  let controller: AbortController | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const options = () => [...listbox.querySelectorAll<HTMLElement>('[role="option"]')];
  const close = () => {
    listbox.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };
  const open = (href: string) => {
    close();
    navigate(href);
  };
  const highlight = (index: number) => {
    const all = options();
    if (all.length === 0) return;
    active = (index + all.length) % all.length;
    all.forEach((option, i) => option.setAttribute('aria-selected', String(i === active)));
    const option = all[active];
    if (option) {
      input.setAttribute('aria-activedescendant', option.id);
      option.scrollIntoView({ block: 'nearest' });
    }
  };
  const option = (id: string, href: string, ...content: (Node | string)[]) =>
    h('li', { id, role: 'option', 'aria-selected': 'false', 'data-href': href, onmousedown: (event: Event) => event.preventDefault(), onclick: () => open(href) }, ...content);

  const show = (query: string, total: number) => {
    const items = hits.map((hit, i) =>
      option(`search-option-${i}`, entityHref(hit.id), h('span', { class: 'hit-name' }, hit.name), ' ', kindBadge(hit.kind), hit.time ? h('span', { class: 'hit-time' }, describeTime(hit.time)) : ''),
    );
    if (total > hits.length) items.push(option('search-option-all', hrefOf({ view: 'search', q: query }), `All ${total} results for “${query}”`));
    if (items.length === 0) items.push(h('li', { class: 'no-hits', role: 'presentation' }, `Nothing matches “${query}”.`));
    replace(listbox, ...items);
    listbox.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    status.textContent = total === 0 ? 'No results.' : `${total} result${total === 1 ? '' : 's'}; the best is ${hits[0]?.name ?? ''}.`;
    active = -1;
  };

  const search = (query: string): Promise<void> => {
    controller?.abort();
    if (query.trim() === '') {
      hits = [];
      close();
      return Promise.resolve();
    }
    const current = (controller = new AbortController());
    return api<SearchAnswer>('search', { query, first: SHOWN }, current.signal).then(
      (answer) => {
        if (current.signal.aborted) return;
        hits = answer.search.edges.map((edge) => edge.node);
        show(query, answer.search.totalCount);
      },
      (error: unknown) => {
        if (current.signal.aborted) return;
        hits = [];
        const message = error instanceof ApiError && error.code === 'BAD_USER_INPUT' ? error.message.replace(/`/g, '') : 'The search could not be run: the knowledge graph is not answering.';
        replace(listbox, h('li', { class: 'no-hits', role: 'presentation' }, message));
        listbox.hidden = false;
        input.setAttribute('aria-expanded', 'true');
      },
    );
  };

  input.addEventListener('input', () => {
    clearTimeout(timer);
    const query = input.value;
    pending = new Promise((resolve) => (timer = setTimeout(() => void search(query).then(resolve), 120)));
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (listbox.hidden && hits.length > 0) show(input.value, hits.length);
      highlight(active + (event.key === 'ArrowDown' ? 1 : -1));
    } else if (event.key === 'Escape') {
      close();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const chosen = options()[active]?.dataset['href'];
      if (chosen) return open(chosen);
      // Enter right after typing: wait for the search of what was typed, then open its best hit.
      void pending.then(() => {
        const best = hits[0];
        if (best) open(entityHref(best.id));
        else if (input.value.trim() !== '') open(hrefOf({ view: 'search', q: input.value.trim() }));
      });
    }
  });
  input.addEventListener('blur', close);
  form.addEventListener('submit', (event) => event.preventDefault());
  return {
    element: form,
    setQuery: (q) => {
      input.value = q;
      close();
    },
  };
}
