import type { App } from '../app.ts';
import { h, replace } from '../dom.ts';
import { drawGraph, mergeGraph, type GraphEdge } from '../graph.ts';
import { entityHref, hrefOf } from '../router.ts';
import { describeTime } from '../time.ts';
import type { EntityDetails, EntityRef, NeighbourEdge, NeighbourhoodAnswer, RelationEdge, RelationPage } from '../types.ts';
import { errorPanel } from './error-panel.ts';
import { entityLink, heading, humanize, kindBadge, loading, quoteBlock } from './parts.ts';
import { timelineSection } from './timeline-section.ts';

/**
 * An entity: what it is (kind, aliases, dates in the source's words, description, figures, sources), a picture
 * of its neighbourhood (one or two hops), its dated facts on a timeline, and its relations grouped as the
 * schema groups them for its kind (`parties`, `affects`, `within`, `crossings`…), each with its dates, effect,
 * note and quotes.
 */
export async function entityView(app: App, id: string, hops: 1 | 2): Promise<void> {
  replace(app.main, loading('the entity'));
  let entity: EntityDetails | null;
  try {
    ({ entity } = await app.api<{ entity: EntityDetails | null }>('entity', { id }, app.signal));
  } catch (error) {
    if (app.signal.aborted) return;
    app.title('Not found');
    replace(app.main, heading(`“${id}”`), errorPanel(error, { linkFor: (ref) => entityHref(ref.id), retry: () => app.navigate(location.href, { replace: true }), what: `“${id}”` }));
    return;
  }
  if (app.signal.aborted) return;
  if (!entity) {
    replace(app.main, heading(`“${id}”`), h('p', {}, 'There is no such entity.'));
    return;
  }
  // A name in the address (/explorer/entity/ili basin) becomes the entity's id, so the link to share is stable.
  if (entity.id !== id) history.replaceState(null, '', hrefOf({ view: 'entity', id: entity.id, hops }));
  app.title(entity.name);

  const graphSection = h('section', { class: 'panel graph-panel', 'aria-labelledby': 'graph-heading' });
  const timeline = h('section', { class: 'panel timeline-panel', 'aria-labelledby': 'timeline-heading' }, h('h2', { id: 'timeline-heading' }, 'Timeline'));
  replace(
    app.main,
    h('article', { class: 'entity-view' }, h('header', { class: 'entity-header' }, summary(entity)), graphSection, timeline, relationsSection(entity)),
  );
  app.focusHeading();
  await Promise.all([neighbourhood(app, graphSection, entity, hops), timelineSection(app, timeline, entity.id)]);
}

function summary(entity: EntityDetails): DocumentFragment {
  const facts = h('dl', { class: 'facts' });
  const fact = (term: string, ...value: (Node | string)[]) => facts.append(h('dt', {}, term), h('dd', {}, ...value));
  if (entity.time) fact('When', describeTime(entity.time), h('span', { class: 'muted' }, ` · known to the ${entity.time.precision.toLowerCase()}`));
  if (entity.aliases.length > 0) fact('Also called', entity.aliases.join(', '));
  if (entity.category) fact('Category', entity.category);
  if (entity.status) fact('Status', entity.status);
  for (const quantity of entity.quantities) fact(humanize(quantity.name), `${quantity.value.toLocaleString('en')} ${quantity.unit}`);
  if (entity.attribution) fact('Attribution', entity.attribution);
  if (entity.license) fact('Licence', entity.license);
  const fragment = document.createDocumentFragment();
  fragment.append(
    heading(entity.name, ' ', kindBadge(entity.kind)),
    h('p', { class: 'description' }, entity.description),
    facts,
    entity.sources.length > 0 ? h('details', { class: 'entity-sources' }, h('summary', {}, `Where this comes from (${entity.sources.length})`), ...entity.sources.map(quoteBlock)) : '',
  );
  return fragment;
}

/** Typed groups first, in the schema's order, then what no typed field of its kind names. */
function relationsSection(entity: EntityDetails): HTMLElement {
  const groups = Object.entries(entity).filter((entry): entry is [string, RelationPage] => entry[0] !== 'relations' && isRelationPage(entry[1]) && entry[1].totalCount > 0);
  const grouped = new Set(groups.flatMap(([, page]) => page.edges.map((edge) => edge.relation.id)));
  const others = entity.relations.edges.filter((edge) => !grouped.has(edge.relation.id));
  const section = h('section', { class: 'panel relations-panel', 'aria-labelledby': 'relations-heading' }, h('h2', { id: 'relations-heading' }, 'Relations'));
  if (groups.length === 0 && others.length === 0) section.append(h('p', { class: 'muted' }, 'No relations.'));
  for (const [field, page] of groups) section.append(relationGroup(humanize(field), field, page.edges, page.totalCount));
  if (others.length > 0) section.append(relationGroup('Other relations', 'other', others, others.length));
  return section;
}

function isRelationPage(value: unknown): value is RelationPage {
  return typeof value === 'object' && value !== null && 'edges' in value && 'totalCount' in value;
}

function relationGroup(title: string, field: string, edges: readonly RelationEdge[], total: number): HTMLElement {
  return h(
    'section',
    { class: 'relation-group', 'data-field': field },
    h('h3', {}, title, ' ', h('span', { class: 'count' }, String(total))),
    h('ul', {}, ...edges.map(relationItem)),
    total > edges.length ? h('p', { class: 'muted' }, `and ${total - edges.length} more (the API pages them with \`after\`).`) : '',
  );
}

function relationItem({ direction, node, relation }: RelationEdge): HTMLElement {
  // A relation reads from its subject: seen from its object, the treaty, it is "Qing Empire signed this".
  const line =
    direction === 'OUT'
      ? [h('span', { class: 'label' }, relation.label), ' ', entityLink(node)]
      : [entityLink(node), ' ', h('span', { class: 'label' }, `${relation.label} this`)];
  const details = h('p', { class: 'relation-details' });
  const add = (...parts: (Node | string)[]) => details.append(details.childNodes.length > 0 ? ' · ' : '', ...parts);
  const { time, role, effect, effectFrom, effectTo, note, sources } = relation;
  if (time) add(h('span', { class: 'when' }, describeTime(time)));
  if (role) add(`role: ${role}`);
  if (effectFrom || effectTo || effect) {
    const flow = h('span', { class: 'effect' });
    if (effectFrom || effectTo) flow.append(effectFrom ? entityLink(effectFrom) : '?', ' → ', effectTo ? entityLink(effectTo) : '?');
    if (effect) flow.append(effectFrom || effectTo ? ` (${effect})` : effect);
    add('effect: ', flow);
  }
  return h(
    'li',
    { class: 'relation' },
    h('p', { class: 'relation-line' }, ...line, ' ', kindBadge(node.kind)),
    details.childNodes.length > 0 ? details : '',
    note ? h('p', { class: 'note' }, note) : '',
    ...sources.map(quoteBlock),
  );
}

/** The graph around the entity, with a switch between one and two hops that is part of the address. */
async function neighbourhood(app: App, section: HTMLElement, entity: EntityRef, hops: 1 | 2): Promise<void> {
  const switchTo = (n: 1 | 2) => app.navigate(hrefOf({ view: 'entity', id: entity.id, hops: n }), { replace: true });
  const radio = (n: 1 | 2, text: string) =>
    h('label', {}, h('input', { type: 'radio', name: 'hops', value: String(n), checked: hops === n, onchange: () => switchTo(n) }), ` ${text}`);
  const canvas = h('div', { class: 'graph', id: 'graph' }, loading('the graph'));
  replace(section, h('div', { class: 'panel-head' }, h('h2', { id: 'graph-heading' }, 'Neighbourhood'), h('fieldset', { class: 'hops' }, h('legend', { class: 'visually-hidden' }, 'How far to look'), radio(1, '1 hop'), radio(2, '2 hops'))), canvas);
  try {
    const answer = await app.api<NeighbourhoodAnswer>('neighbourhood', { id: entity.id, twoHops: hops === 2 }, app.signal);
    if (app.signal.aborted || !answer.entity) return;
    const nodes: EntityRef[] = [answer.entity];
    const edges: GraphEdge[] = [];
    const walk = (from: EntityRef, relation: NeighbourEdge) => {
      nodes.push(relation.node);
      const [source, target] = relation.direction === 'OUT' ? [from.id, relation.node.id] : [relation.node.id, from.id];
      edges.push({ id: relation.relation.id, source, target, label: relation.relation.label });
    };
    for (const relation of answer.entity.relations.edges) {
      walk(answer.entity, relation);
      for (const next of relation.node.relations?.edges ?? []) walk(relation.node, next);
    }
    app.onLeave(drawGraph(canvas, mergeGraph(nodes, edges, [entity.id]), (href) => app.navigate(href)));
  } catch (error) {
    if (!app.signal.aborted) replace(canvas, errorPanel(error, { linkFor: (ref) => entityHref(ref.id), retry: () => switchTo(hops) }));
  }
}
