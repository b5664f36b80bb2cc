import type { App } from '../app.ts';
import { h, replace } from '../dom.ts';
import { entityHref } from '../router.ts';
import type { SourceAnswer } from '../types.ts';
import { errorPanel } from './error-panel.ts';
import { heading, loading } from './parts.ts';

/**
 * A source document as stored, with the quote that was followed highlighted and scrolled into view, and whom
 * to credit under which licence.
 */
export async function sourceView(app: App, id: string, quote: string | null): Promise<void> {
  replace(app.main, loading('the source'));
  let answer: SourceAnswer;
  try {
    answer = await app.api<SourceAnswer>('source', { id }, app.signal);
  } catch (error) {
    if (!app.signal.aborted) replace(app.main, heading('Source'), errorPanel(error, { linkFor: (ref) => entityHref(ref.id), what: `“${id}”` }));
    return;
  }
  if (app.signal.aborted) return;
  const source = answer.entity;
  if (!source || typeof source.text !== 'string') {
    replace(app.main, heading('Source'), h('p', {}, `“${id}” is not a source document.`));
    return;
  }
  app.title(source.name);
  const credit = h('dl', { class: 'facts' });
  if (source.attribution) credit.append(h('dt', {}, 'Attribution'), h('dd', {}, source.attribution));
  if (source.license) credit.append(h('dt', {}, 'Licence'), h('dd', {}, source.license));
  if (source.url) credit.append(h('dt', {}, 'Published at'), h('dd', {}, h('a', { href: source.url, rel: 'noopener noreferrer' }, source.url)));
  if (source.basis === 'background') credit.append(h('dt', {}, 'Basis'), h('dd', {}, 'Background knowledge stated by the Tianshan maintainers, not a published article.'));

  const text = source.text;
  const at = quote ? text.indexOf(quote) : -1;
  const mark = at >= 0 && quote ? h('mark', { id: 'quote', tabindex: '-1' }, quote) : null;
  const documentText = h('div', { class: 'document', lang: 'en' }, ...(mark && quote ? [text.slice(0, at), mark, text.slice(at + quote.length)] : [text]));
  replace(
    app.main,
    h(
      'article',
      { class: 'source-view' },
      heading(source.name),
      h('p', { class: 'description' }, source.description),
      credit,
      quote && !mark ? h('p', { class: 'error-panel', role: 'alert' }, `The quote “${quote}” is not in this document.`) : '',
      h('section', { class: 'panel', 'aria-label': 'The document' }, documentText),
    ),
  );
  if (mark) {
    mark.scrollIntoView({ block: 'center' });
    mark.focus({ preventScroll: true });
  } else {
    app.focusHeading();
  }
}
