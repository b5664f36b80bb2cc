import type { App } from '../app.ts';
import { h, replace } from '../dom.ts';
import { drawGraph, mergeGraph, type GraphEdge } from '../graph.ts';
import { hrefOf } from '../router.ts';
import { describeTime } from '../time.ts';
import type { EntityRef, PathAnswer, TreatiesAnswer } from '../types.ts';
import { errorPanel } from './error-panel.ts';
import { entityLink, heading, kindBadge, loading } from './parts.ts';

/**
 * The two questions the API was made for, as forms: "treaties affecting <place>" and "how is <A> connected to
 * <B>". Each answer is a view with its own URL, drawn as a list and on the graph.
 */
export function questionForms(values: { place: string; from: string; to: string }, navigate: (href: string) => void): HTMLElement {
  const field = (name: string, label: string, value: string, placeholder: string) =>
    h('label', { class: 'field' }, h('span', {}, label), h('input', { name, value, placeholder, required: true, autocomplete: 'off' }));
  const submit = (build: (data: FormData) => string) => (event: Event) => {
    event.preventDefault();
    navigate(build(new FormData(event.currentTarget as HTMLFormElement)));
  };
  const text = (data: FormData, name: string) => String(data.get(name) ?? '').trim();
  return h(
    'section',
    { class: 'questions', 'aria-label': 'Questions' },
    h(
      'form',
      { class: 'question', id: 'treaties-form', action: hrefOf({ view: 'treaties', place: '' }), onsubmit: submit((data) => hrefOf({ view: 'treaties', place: text(data, 'place') })) },
      h('h2', {}, 'Which treaties affected a place?'),
      field('place', 'Place', values.place, 'e.g. Ili basin'),
      h('button', { type: 'submit' }, 'Show treaties'),
    ),
    h(
      'form',
      { class: 'question', id: 'path-form', action: hrefOf({ view: 'path', from: '', to: '' }), onsubmit: submit((data) => hrefOf({ view: 'path', from: text(data, 'from'), to: text(data, 'to') })) },
      h('h2', {}, 'How are two entities connected?'),
      field('from', 'From', values.from, 'e.g. Zuo Zongtang'),
      field('to', 'To', values.to, 'e.g. Kyrgyzstan'),
      h('button', { type: 'submit' }, 'Find the connection'),
    ),
  );
}

export async function treatiesView(app: App, place: string): Promise<void> {
  app.title(place ? `Treaties affecting ${place}` : 'Treaties affecting a place');
  const results = h('section', { class: 'answer', 'aria-live': 'polite' });
  replace(app.main, heading(place ? `Treaties affecting “${place}”` : 'Treaties affecting a place'), questionForms({ place, from: '', to: '' }, app.navigate), results);
  app.focusHeading();
  if (!place) return;
  replace(results, loading('the treaties'));
  try {
    const answer = await app.api<TreatiesAnswer>('treatiesAffecting', { place, placeId: place }, app.signal);
    if (app.signal.aborted || !answer.place) return;
    const treaties = answer.treaties.edges.map((edge) => edge.node);
    const graph = h('div', { class: 'graph', id: 'graph' });
    replace(
      results,
      h('h2', {}, `${answer.treaties.totalCount} treat${answer.treaties.totalCount === 1 ? 'y' : 'ies'} affected `, entityLink(answer.place), ' or what lies within it'),
      h(
        'ol',
        { class: 'answer-list' },
        ...treaties.map((treaty) =>
          h(
            'li',
            {},
            entityLink(treaty),
            treaty.time ? h('span', { class: 'hit-time' }, describeTime(treaty.time)) : h('span', { class: 'hit-time muted' }, 'undated in the source'),
            h('p', {}, 'Parties: ', ...joined(treaty.parties.edges.map((edge) => entityLink(edge.node)), 'none named')),
            h('p', {}, 'Affected: ', ...joined(treaty.affects.edges.map(({ relation, node }) => h('span', {}, `${relation.label} `, entityLink(node), relation.effect ? ` (${relation.effect})` : '')), 'nothing named')),
          ),
        ),
      ),
      h('section', { class: 'panel graph-panel', 'aria-label': 'The answer as a graph' }, graph),
    );
    const nodes: EntityRef[] = [answer.place, ...treaties];
    const edges: GraphEdge[] = [];
    for (const treaty of treaties) {
      for (const party of treaty.parties.edges) {
        nodes.push(party.node);
        edges.push({ id: party.relation.id, source: party.node.id, target: treaty.id, label: party.relation.label });
      }
      for (const affected of treaty.affects.edges) {
        nodes.push(affected.node);
        edges.push({ id: affected.relation.id, source: treaty.id, target: affected.node.id, label: affected.relation.label });
      }
    }
    app.onLeave(drawGraph(graph, mergeGraph(nodes, edges, [answer.place.id, ...treaties.map((t) => t.id)]), (href) => app.navigate(href)));
  } catch (error) {
    if (!app.signal.aborted) replace(results, errorPanel(error, { linkFor: (ref) => hrefOf({ view: 'treaties', place: ref.id }), what: `“${place}”` }));
  }
}

export async function pathView(app: App, from: string, to: string): Promise<void> {
  const asked = from && to;
  app.title(asked ? `${from} to ${to}` : 'How are two entities connected?');
  const results = h('section', { class: 'answer', 'aria-live': 'polite' });
  replace(app.main, heading(asked ? `How is “${from}” connected to “${to}”?` : 'How are two entities connected?'), questionForms({ place: '', from, to }, app.navigate), results);
  app.focusHeading();
  if (!asked) return;
  replace(results, loading('the connection'));
  try {
    const { path: paths } = await app.api<PathAnswer>('path', { from, to }, app.signal);
    if (app.signal.aborted) return;
    if (paths.length === 0) {
      replace(results, h('p', {}, `No connection of up to 6 relations joins “${from}” and “${to}”.`));
      return;
    }
    const graph = h('div', { class: 'graph', id: 'graph' });
    replace(
      results,
      h('h2', {}, `${paths.length} shortest connection${paths.length === 1 ? '' : 's'}, ${paths[0]?.length ?? 0} relation${paths[0]?.length === 1 ? '' : 's'} long`),
      h('ol', { class: 'answer-list' }, ...paths.map((path) => h('li', { class: 'path' }, ...chain(path)))),
      h('section', { class: 'panel graph-panel', 'aria-label': 'The connections as a graph' }, graph),
    );
    const ends = [paths[0]?.nodes[0]?.id, paths[0]?.nodes.at(-1)?.id].filter((id): id is string => id !== undefined);
    const edges = paths.flatMap((path) => path.relations.map((relation) => ({ id: relation.id, source: relation.from.id, target: relation.to.id, label: relation.label })));
    app.onLeave(drawGraph(graph, mergeGraph(paths.flatMap((path) => path.nodes), edges, ends), (href) => app.navigate(href)));
  } catch (error) {
    const retarget = (ref: EntityRef, argument: string | null) => hrefOf({ view: 'path', from: argument === 'to' ? from : ref.id, to: argument === 'to' ? ref.id : to });
    if (!app.signal.aborted) replace(results, errorPanel(error, { linkFor: retarget, what: 'that' }));
  }
}

/** A path as a sentence: Zuo Zongtang —led→ Reconquest of Xinjiang ←lies next to— Kyrgyzstan. */
function chain(path: PathAnswer['path'][number]): (Node | string)[] {
  const parts: (Node | string)[] = [];
  path.nodes.forEach((node, i) => {
    parts.push(entityLink(node), ' ', kindBadge(node.kind));
    const relation = path.relations[i];
    if (!relation) return;
    const forward = relation.from.id === node.id;
    parts.push(h('span', { class: 'step' }, forward ? ` —${relation.label}→ ` : ` ←${relation.label}— `));
  });
  return parts;
}

function joined(items: HTMLElement[], none: string): (Node | string)[] {
  if (items.length === 0) return [h('span', { class: 'muted' }, none)];
  return items.flatMap((item, i) => (i > 0 ? [', ', item] : [item]));
}

