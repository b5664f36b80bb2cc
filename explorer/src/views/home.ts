import type { App } from '../app.ts';
import { h, replace } from '../dom.ts';
import type { OverviewAnswer } from '../types.ts';
import { heading, kindBadge } from './parts.ts';
import { questionForms } from './questions.ts';
import { timelineSection } from './timeline-section.ts';

/** The first view: what the graph holds, the two questions, and the timeline of the whole graph. */
export async function homeView(app: App): Promise<void> {
  app.title('Explorer');
  const stats = h('p', { class: 'stats muted' });
  const timeline = h('section', { class: 'panel timeline-panel', 'aria-labelledby': 'timeline-heading' }, h('h2', { id: 'timeline-heading' }, 'Timeline of the whole graph'));
  replace(
    app.main,
    h(
      'div',
      { class: 'home-view' },
      heading('Explore the China–Kyrgyzstan border'),
      h('p', {}, 'Search above for a state, treaty, pass, region or person, or ask one of the questions below. Every fact links to the sentence it comes from.'),
      stats,
      questionForms({ place: '', from: '', to: '' }, app.navigate),
      timeline,
    ),
  );
  app.focusHeading();
  const overview = app.api<OverviewAnswer>('overview', {}, app.signal).then(
    ({ stats: { entityCount, relationCount, entities } }) => {
      replace(stats, `${entityCount} entities and ${relationCount} relations: `, ...entities.flatMap((entry, i) => [i > 0 ? ', ' : '', `${entry.count} `, kindBadge(entry.kind)]));
    },
    // The timeline below shows the error in full, with a way to try again.
    () => replace(stats, 'The counts could not be loaded.'),
  );
  await Promise.all([overview, timelineSection(app, timeline, undefined)]);
}
