import cytoscape from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { h, replace } from './dom.ts';
import { kindColour } from './kinds.ts';
import { entityHref } from './router.ts';
import type { EntityRef } from './types.ts';

cytoscape.use(fcose);

/**
 * cytoscape adds a <style> element of one rule (its container is `position: relative`), which our
 * Content-Security-Policy refuses, unless an element with this id is already in the document: explorer.css
 * has that rule (`.graph-canvas`), and this placeholder stands in for the style element.
 */
const CYTOSCAPE_STYLESHEET_ID = '__________cytoscape_stylesheet';

export interface GraphEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly label: string;
}

export interface GraphData {
  readonly nodes: readonly EntityRef[];
  readonly edges: readonly GraphEdge[];
  /** Drawn larger and outlined: the entity the picture is about, or a question's answer. */
  readonly focus: readonly string[];
}

/** Graphs from several answers, with each node and edge once. */
export function mergeGraph(nodes: Iterable<EntityRef>, edges: Iterable<GraphEdge>, focus: readonly string[]): GraphData {
  const nodeById = new Map<string, EntityRef>();
  for (const node of nodes) nodeById.set(node.id, node);
  const edgeById = new Map<string, GraphEdge>();
  for (const edge of edges) if (nodeById.has(edge.source) && nodeById.has(edge.target)) edgeById.set(edge.id, edge);
  return { nodes: [...nodeById.values()], edges: [...edgeById.values()], focus };
}

/**
 * A picture of `data` drawn by cytoscape (canvas, no WebGL) with the fcose force-directed layout: coloured by
 * kind, edges labelled, hover shows name and kind, a click opens the entity. The entities are listed as links
 * too, for the keyboard and screen readers, which a canvas serves poorly. Returns a function that frees it.
 */
export function drawGraph(container: HTMLElement, data: GraphData, open: (href: string) => void): () => void {
  const canvas = h('div', { class: 'graph-canvas', role: 'img', 'aria-label': `Graph of ${data.nodes.length} entities and ${data.edges.length} relations` });
  const tooltip = h('div', { class: 'graph-tooltip', role: 'status', hidden: true });
  const caption = h('p', { class: 'graph-caption' }, `${count(data.nodes.length, 'entity', 'entities')}, ${count(data.edges.length, 'relation', 'relations')}. Click an entity to open it; drag to move, scroll to zoom.`);
  const list = h(
    'details',
    { class: 'graph-list' },
    h('summary', {}, 'Entities in this picture'),
    h('ul', {}, ...[...data.nodes].sort((a, b) => a.name.localeCompare(b.name)).map((node) => h('li', {}, h('a', { href: entityHref(node.id) }, node.name), ` (${node.kind})`))),
  );
  replace(container, h('div', { class: 'graph-frame' }, canvas, tooltip), caption, list);
  container.dataset['nodeCount'] = String(data.nodes.length);
  container.dataset['edgeCount'] = String(data.edges.length);

  if (!document.getElementById(CYTOSCAPE_STYLESHEET_ID)) document.head.append(h('meta', { id: CYTOSCAPE_STYLESHEET_ID, name: 'cytoscape-style', content: 'in explorer.css' }));
  const focus = new Set(data.focus);
  const cy = cytoscape({
    container: canvas,
    elements: [
      ...data.nodes.map((node) => ({ group: 'nodes' as const, data: { id: node.id, name: node.name, kind: node.kind, colour: kindColour(node.kind) }, classes: focus.has(node.id) ? 'focus' : '' })),
      ...data.edges.map((edge) => ({ group: 'edges' as const, data: { id: `edge:${edge.id}`, source: edge.source, target: edge.target, label: edge.label } })),
    ],
    style: [
      {
        selector: 'node',
        style: {
          'background-color': 'data(colour)',
          label: 'data(name)',
          'font-size': 11,
          color: '#1b1f24',
          'text-valign': 'bottom',
          'text-margin-y': 3,
          'text-wrap': 'wrap',
          'text-max-width': '110px',
          'text-background-color': '#ffffff',
          'text-background-opacity': 0.75,
          'text-background-padding': '1px',
          width: 16,
          height: 16,
        },
      },
      { selector: 'node.focus', style: { width: 28, height: 28, 'border-width': 4, 'border-color': '#111111', 'font-weight': 'bold', 'font-size': 13 } },
      { selector: 'node.hover', style: { 'border-width': 3, 'border-color': '#f2b600' } },
      {
        selector: 'edge',
        style: {
          width: 1.5,
          'line-color': '#9aa5b1',
          'target-arrow-color': '#9aa5b1',
          'target-arrow-shape': 'triangle',
          'arrow-scale': 0.8,
          'curve-style': 'bezier',
          label: 'data(label)',
          'font-size': 9,
          color: '#4a5561',
          'text-rotation': 'autorotate',
          'text-background-color': '#ffffff',
          'text-background-opacity': 0.8,
          'text-background-padding': '1px',
          // Many labels at once only blur into each other: small graphs show them all, larger ones once zoomed in.
          'min-zoomed-font-size': data.nodes.length > 40 ? 8 : 0,
        },
      },
    ],
    layout: {
      name: 'fcose',
      animate: false,
      randomize: true,
      nodeRepulsion: () => (data.nodes.length > 40 ? 30000 : 9000),
      idealEdgeLength: () => (data.nodes.length > 40 ? 140 : 110),
      nodeSeparation: 90,
      // Labels are part of a node's size, so that names do not land on each other.
      nodeDimensionsIncludeLabels: true,
      padding: 24,
    } as cytoscape.LayoutOptions,
    minZoom: 0.2,
    maxZoom: 3,
    boxSelectionEnabled: false,
    autoungrabify: false,
  });

  // fcose fits the graph to the frame: two or three entities would be drawn huge.
  if (cy.zoom() > 1.3) {
    cy.zoom(1.3);
    cy.center();
  }
  cy.on('tap', 'node', (event) => open(entityHref(event.target.id())));
  cy.on('mouseover', 'node', (event) => {
    const node = event.target;
    node.addClass('hover');
    const position = node.renderedPosition();
    tooltip.textContent = `${node.data('name')} · ${node.data('kind')}`;
    tooltip.hidden = false;
    tooltip.style.left = `${position.x}px`;
    tooltip.style.top = `${position.y - 18}px`;
    canvas.classList.add('pointing');
  });
  cy.on('mouseout', 'node', (event) => {
    event.target.removeClass('hover');
    tooltip.hidden = true;
    canvas.classList.remove('pointing');
  });
  return () => cy.destroy();
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
