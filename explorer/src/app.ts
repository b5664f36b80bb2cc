import type { Api } from './api.ts';
import type { ExplorerConfig } from './config.ts';

/** What every view is given. */
export interface App {
  readonly api: Api;
  readonly config: ExplorerConfig;
  /** Where the view draws itself. */
  readonly main: HTMLElement;
  /** Aborted when the person moves on to another view before this one has loaded. */
  readonly signal: AbortSignal;
  /** Opens another view of the explorer, as a link would. */
  readonly navigate: (href: string, options?: { replace?: boolean }) => void;
  /** Names the view in the tab's title and for screen readers. */
  readonly title: (text: string) => void;
  /**
   * Moves the focus to the view's heading, so that screen readers announce a view reached by a link; not on
   * the page's first view, where the focus stays at the top of the page.
   */
  readonly focusHeading: () => void;
  /** Frees what the view holds (a graph, a resize observer) when the next view replaces it. */
  readonly onLeave: (cleanup: () => void) => void;
}
