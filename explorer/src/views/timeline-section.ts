import type { App } from '../app.ts';
import { h, replace } from '../dom.ts';
import { entityHref } from '../router.ts';
import { describeTime, yearRange } from '../time.ts';
import { drawTimeline, type TimelineMark } from '../timeline.ts';
import type { TimelineAnswer, TimelineEntry } from '../types.ts';
import { errorPanel } from './error-panel.ts';
import { loading } from './parts.ts';

/** The API's pages are at most 100 entries; the seed's whole timeline is well under this many pages. */
const MAX_PAGES = 5;

/** Draws the dated facts around `involving` (or of the whole graph when it is undefined) into `section`. */
export async function timelineSection(app: App, section: HTMLElement, involving: string | undefined): Promise<void> {
  const body = h('div', { class: 'timeline', id: 'timeline' }, loading('the timeline'));
  section.append(body);
  try {
    const entries: TimelineEntry[] = [];
    let after: string | null = null;
    for (let page = 0; page < MAX_PAGES; page++) {
      const answer: TimelineAnswer = await app.api<TimelineAnswer>('timeline', { involving: involving ?? null, after }, app.signal);
      entries.push(...answer.timeline.edges);
      if (!answer.timeline.pageInfo.hasNextPage) break;
      after = answer.timeline.pageInfo.endCursor;
    }
    if (app.signal.aborted) return;
    app.onLeave(drawTimeline(body, entries.flatMap((entry) => markOf(entry, involving))));
  } catch (error) {
    if (!app.signal.aborted) replace(body, errorPanel(error, { linkFor: (ref) => entityHref(ref.id) }));
  }
}

function markOf(entry: TimelineEntry, involving: string | undefined): TimelineMark[] {
  const range = yearRange(entry.time) ?? { from: entry.year, to: entry.year };
  const when = describeTime(entry.time) || String(entry.year);
  if (entry.entity) return [{ key: entry.entity.id, range, when, label: entry.entity.name, kind: entry.entity.kind, href: entityHref(entry.entity.id) }];
  if (!entry.relation) return [];
  const { from, to, label, id } = entry.relation;
  // A relation opens the entity at its other end from the one shown.
  const other = from.id === involving ? to : from;
  return [{ key: id, range, when, label: `${from.name} ${label} ${to.name}`, kind: other.kind, href: entityHref(other.id) }];
}
