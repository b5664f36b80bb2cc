import { h, replace, svg } from './dom.ts';
import { kindColour } from './kinds.ts';
import { rangeLabel, type YearRange } from './time.ts';

export interface TimelineMark {
  readonly key: string;
  readonly range: YearRange;
  /** What happened, e.g. "Qing Empire signed Treaty of Saint Petersburg". */
  readonly label: string;
  /** The source's wording of the date. */
  readonly when: string;
  readonly kind: string;
  readonly href: string;
}

const LANE_HEIGHT = 16;
const AXIS_HEIGHT = 22;
const MARGIN = 14;
/** A point is drawn this wide; a span never narrower, so a one-year range is still a target for a click. */
const POINT_WIDTH = 8;

/**
 * A strip of time: each dated fact is a mark in the years it covers, a dot for a single year and a bar for a
 * range (a decade, a century, 1862–77), in lanes so that none hides another. Each mark is a link (keyboard and
 * click), with its wording as a tooltip; the same facts are listed as text below. Redrawn when its width changes.
 */
export function drawTimeline(container: HTMLElement, marks: readonly TimelineMark[]): () => void {
  if (marks.length === 0) {
    replace(container, h('p', { class: 'muted' }, 'No dated facts.'));
    return () => {};
  }
  const strip = h('div', { class: 'timeline-strip' });
  const list = h(
    'details',
    { class: 'timeline-list' },
    h('summary', {}, `The ${marks.length} dated facts as a list`),
    h('ol', {}, ...marks.map((mark) => h('li', {}, h('span', { class: 'when' }, mark.when), ' ', h('a', { href: mark.href }, mark.label)))),
  );
  replace(container, strip, list);
  container.dataset['markCount'] = String(marks.length);
  const draw = () => replace(strip, stripSvg(marks, Math.max(strip.clientWidth, 280)));
  draw();
  let width = strip.clientWidth;
  const observer = new ResizeObserver(() => {
    if (strip.clientWidth === width) return;
    width = strip.clientWidth;
    draw();
  });
  observer.observe(strip);
  return () => observer.disconnect();
}

function stripSvg(marks: readonly TimelineMark[], width: number): SVGSVGElement {
  const first = Math.min(...marks.map((mark) => mark.range.from));
  const last = Math.max(...marks.map((mark) => mark.range.to));
  const pad = Math.max(2, Math.round((last - first) * 0.03));
  const from = first - pad;
  const to = last + pad + 1;
  const x = (year: number) => MARGIN + ((year - from) / (to - from)) * (width - 2 * MARGIN);

  // Greedy lanes: each mark goes to the first lane whose last mark ends left of it.
  const laneEnds: number[] = [];
  const placed = [...marks]
    .sort((a, b) => a.range.from - b.range.from || b.range.to - a.range.to)
    .map((mark) => {
      const left = x(mark.range.from);
      const right = Math.max(x(mark.range.to + 1), left + POINT_WIDTH);
      let lane = laneEnds.findIndex((end) => end + 3 <= left);
      if (lane < 0) lane = laneEnds.push(right) - 1;
      else laneEnds[lane] = right;
      return { mark, left, right, lane };
    });
  const height = AXIS_HEIGHT + laneEnds.length * LANE_HEIGHT + 6;
  const root = svg('svg', { width, height, viewBox: `0 0 ${width} ${height}`, class: 'timeline-svg', role: 'group', 'aria-label': `Timeline from ${first} to ${last}` });

  for (const year of ticks(from, to, width)) {
    const tx = x(year);
    root.append(svg('line', { x1: tx, x2: tx, y1: 14, y2: height, class: 'tick' }), svg('text', { x: tx, y: 11, class: 'tick-label', 'text-anchor': 'middle' }, String(year)));
  }
  for (const { mark, left, right, lane } of placed) {
    const y = AXIS_HEIGHT + lane * LANE_HEIGHT;
    const point = mark.range.from === mark.range.to;
    const colour = kindColour(mark.kind);
    const shape = point
      ? svg('circle', { cx: (left + right) / 2, cy: y + LANE_HEIGHT / 2 - 1, r: 5, fill: colour })
      : svg('rect', { x: left, y: y + 2, width: right - left, height: LANE_HEIGHT - 6, rx: 3, fill: colour, 'fill-opacity': 0.75 });
    const title = `${mark.label} (${mark.when || rangeLabel(mark.range)})`;
    root.append(svg('a', { href: mark.href, class: `timeline-mark ${point ? 'point' : 'span'}`, 'aria-label': title }, svg('title', {}, title), shape));
  }
  return root;
}

/** Round years for the axis, about one per 90 pixels. */
function ticks(from: number, to: number, width: number): number[] {
  const span = to - from;
  const step = [1, 2, 5, 10, 20, 25, 50, 100, 200, 500].find((candidate) => (span / candidate) * 90 <= width) ?? 1000;
  const years: number[] = [];
  for (let year = Math.ceil(from / step) * step; year <= to; year += step) years.push(year);
  return years;
}
