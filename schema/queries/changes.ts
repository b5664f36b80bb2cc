import type { LoggedChange } from '../../model/changes.ts';
import { MAX_LIST_LENGTH } from '../../model/fixture-schema.ts';
import { countChanges, readChanges, type ChangeFilter } from '../../services/changes/list.ts';
import { builder } from '../builder.ts';
import { ErrorCode, clientError } from '../errors.ts';
import { nullWhen } from '../root-fields.ts';
import { encodeCursor, ORDERS, windowOf, type PageInfoShape } from '../pages.ts';
import { Change, parseSince } from '../types/change.ts';
import { PageInfo, pageArgs } from '../types/connection.ts';

interface ChangePage {
  readonly filter: ChangeFilter;
  readonly changes: readonly LoggedChange[];
  readonly pageInfo: PageInfoShape;
}

const cursorOf = (change: LoggedChange) => encodeCursor(ORDERS.changesBySequence, [change.sequence]);

const ChangeEdge = builder.objectRef<LoggedChange>('ChangeEdge').implement({
  description: 'A change in a list of changes.',
  fields: (t) => ({
    cursor: t.string({ description: 'Where this change sits in the list; pass it as `after`.', resolve: cursorOf }),
    node: t.field({ type: Change, description: 'The change.', resolve: (change) => change }),
  }),
});

const ChangeConnection = builder.objectRef<ChangePage>('ChangeConnection').implement({
  description: 'A page of the change log, oldest first.',
  fields: (t) => ({
    totalCount: t.int({
      description: 'How many changes match the filters, on all pages, from the start of the log. Counting reads every change that matches: ask for it only when you show it.',
      resolve: (page, _args, { executor }) => countChanges(executor, page.filter),
    }),
    pageInfo: t.field({
      type: PageInfo,
      description:
        'Cursors, and whether more changes lie beyond the page: `hasNextPage` paging forwards (`first`), `hasPreviousPage` paging backwards (`last`); on the other side, true when a cursor (`after` or `before`) bounds the page, since its change lies there, and false otherwise (a `since` alone does not say whether earlier changes match).',
      resolve: (page) => page.pageInfo,
    }),
    edges: t.field({ type: [ChangeEdge], description: 'The changes on this page.', resolve: (page) => page.changes }),
    nodes: t.field({ type: [Change], description: 'The changes on this page, without cursors.', resolve: (page) => page.changes }),
  }),
});

builder.queryFields((t) => ({
  changes: t.field({
    type: ChangeConnection,
    nullable: true,
    description:
      'The change log: every curated write (who, when, the values before and after) and every load or removal of datasets, oldest first. The audit trail of editors, and the way for clients that poll rather than subscribe: pass the `sequence` of the last change you have as `since`.' +
      nullWhen('an argument is refused (BAD_USER_INPUT)'),
    args: {
      ids: t.arg.idList({ description: `Only changes that touched one of these entities or relations (at most ${MAX_LIST_LENGTH}).` }),
      editor: t.arg.string({ description: 'Only changes by this editor (the name their token or JWT gives).' }),
      madeSince: t.arg.string({ description: 'Only changes made at or after this time: an ISO 8601 date or date-time, e.g. "2026-06-11" or "2026-06-11T08:00:00Z".' }),
      since: t.arg.string({ description: 'Only changes after the one with this `sequence` (what `subscription { changes(since:) }` takes too).' }),
      ...pageArgs(t.arg),
    },
    resolve: async function resolveChanges(_root, args, { executor }) {
      const window = windowOf(args, ORDERS.changesBySequence);
      const filter: ChangeFilter = { ids: checkIds(args.ids), editor: args.editor ?? null, madeSince: parseInstant(args.madeSince) };
      const after = Math.max(parseSince(args.since) ?? 0, Number(window.after?.[0] ?? 0));
      const before = window.before ? Number(window.before[0]) : null;
      const { changes, hasMore } = await readChanges(executor, filter, { after, before, first: window.first, backward: window.backward });
      const [first, last] = [changes[0], changes.at(-1)];
      const pageInfo = {
        // A cursor came from a page, so its change lies on the far side: what is known without another read.
        hasNextPage: window.backward ? before !== null : hasMore,
        hasPreviousPage: window.backward ? hasMore : window.after !== null,
        startCursor: first ? cursorOf(first) : null,
        endCursor: last ? cursorOf(last) : null,
      };
      return { filter, changes, pageInfo };
    },
  }),
}));

/** At most MAX_LIST_LENGTH ids; null for none given. */
export function checkIds(ids: readonly (string | number)[] | null | undefined): string[] | null {
  if (ids == null) return null;
  if (ids.length > MAX_LIST_LENGTH) throw clientError(ErrorCode.BadUserInput, `\`ids\`: at most ${MAX_LIST_LENGTH} ids; got ${ids.length}.`, { argument: 'ids' });
  return ids.map(String);
}

const INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** An ISO 8601 date or date-time with a zone, in UTC as Neo4j's `datetime()` reads it; BAD_USER_INPUT otherwise. */
function parseInstant(value: string | null | undefined): string | null {
  if (value == null) return null;
  const time = Date.parse(value);
  if (!INSTANT.test(value) || Number.isNaN(time)) {
    throw clientError(ErrorCode.BadUserInput, `\`madeSince\`: "${value.slice(0, 40)}" is not an ISO 8601 date or time with a zone, e.g. "2026-06-11" or "2026-06-11T08:00:00Z".`, {
      argument: 'madeSince',
    });
  }
  return new Date(time).toISOString();
}
