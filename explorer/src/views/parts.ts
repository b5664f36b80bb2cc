import { h } from '../dom.ts';
import { kindColour } from '../kinds.ts';
import { entityHref, hrefOf } from '../router.ts';
import type { EntityRef, SourceRef } from '../types.ts';

/** Small pieces every view uses. */

export function kindBadge(kind: string): HTMLElement {
  const swatch = h('span', { class: 'swatch', 'aria-hidden': 'true' });
  // Through the CSSOM: the Content-Security-Policy refuses style attributes.
  swatch.style.backgroundColor = kindColour(kind);
  return h('span', { class: 'kind' }, swatch, kind);
}

export function entityLink(ref: EntityRef): HTMLElement {
  return h('a', { href: entityHref(ref.id), class: 'entity-link' }, ref.name);
}

/** A verbatim quote, with a link to it inside its document (the source view). */
export function quoteBlock(source: SourceRef): HTMLElement {
  return h(
    'blockquote',
    { class: 'quote' },
    h('p', {}, `“${source.quote}”`),
    h('a', { class: 'quote-link', href: hrefOf({ view: 'source', id: source.sourceId, quote: source.quote }) }, 'Read it in the source'),
  );
}

export function loading(what: string): HTMLElement {
  return h('p', { class: 'loading', role: 'status' }, `Loading ${what}…`);
}

/** The view's heading, which takes the focus after a navigation so screen readers announce the new view. */
export function heading(text: string, ...extra: (Node | string)[]): HTMLHeadingElement {
  return h('h1', { tabindex: '-1', class: 'view-heading' }, text, ...extra);
}

/** camelCase field names as headings: `notRecognisedBy` → "Not recognised by". */
export function humanize(field: string): string {
  const words = field.replace(/([A-Z])/g, ' $1').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
