import { refParams } from '../../cypher/entities.ts';
import { timelineAroundPages, timelinePages, type TimelineRow } from '../../cypher/timeline.ts';
import { timeSpanOf } from '../../model/codec.ts';
import { checkYearRange, checkRefLength } from '../arguments.ts';
import { builder } from '../builder.ts';
import { nullWhen } from '../root-fields.ts';
import { EMPTY_PAGE, orderOf, toConnection, windowOf, type Positioned } from '../pages.ts';
import { readsCursors, readsOnlyIdentity, readsRelationEnds } from '../projection.ts';
import { readWithRefs } from '../resolve-ref.ts';
import { connectionType, cursorField, pageArgs } from '../types/connection.ts';
import { EntityRef } from '../types/entity-ref.ts';
import { orderArg } from '../types/order.ts';
import { Relation } from '../types/relation.ts';
import { TimeSpan } from '../types/time-span.ts';

const TimelineEdge = builder.objectRef<Positioned<TimelineRow>>('TimelineEdge').implement({
  description: 'One dated thing: an entity (a treaty, an event…) or a relation (a cession, a signature…).',
  fields: (t) => ({
    cursor: cursorField(t, 'Where this entry sits; pass it as `after`.'),
    year: t.int({ description: 'The year it starts, by which the timeline is ordered by default.', resolve: (edge) => edge.item.year }),
    time: t.field({
      type: TimeSpan,
      nullable: true,
      description: 'Its full time span.',
      resolve: ({ item }) => {
        const dated = item.entity ?? item.relation;
        return dated ? (timeSpanOf(dated) ?? null) : null;
      },
    }),
    entity: t.field({ type: EntityRef, nullable: true, description: 'The dated entity, when this entry is one.', resolve: (edge) => edge.item.entity }),
    relation: t.field({ type: Relation, nullable: true, description: 'The dated relation, when this entry is one.', resolve: (edge) => edge.item.relation }),
  }),
});

const TimelineConnection = connectionType<TimelineRow>('Timeline', TimelineEdge, {
  type: 'A page of the timeline.',
  total: 'How many entries match, on all pages.',
  edges: 'The entries on this page, in the order asked (earliest first by default).',
});

const timelineOrderArgs = orderArg(
  'Timeline',
  'timeline entries',
  {
    NAME: 'By the name of the entity (a relation by its id), then id.',
    START: 'By the year it starts, entities before relations in a year. The default. Every entry of the timeline is dated.',
    END: 'By the year it ends (a span stored without an end ends in the year it starts), entities before relations in a year.',
  },
  'START',
);

builder.queryFields((t) => ({
  timeline: t.field({
    type: TimelineConnection,
    nullable: true,
    description:
      'Dated entities and relations in order of time (unless `orderBy` says otherwise), optionally only those around one entity.' +
      nullWhen('`involving` names nothing (NOT_FOUND) or several things (AMBIGUOUS), or another argument is refused (BAD_USER_INPUT)'),
    args: {
      from: t.arg.int({ description: 'Only what still held in or after this year.' }),
      to: t.arg.int({ description: 'Only what began in or before this year.' }),
      involving: t.arg.id({ description: 'An id (or name): the entity itself, its dated relations and the dated entities it is related to.' }),
      ...timelineOrderArgs(t.arg),
      ...pageArgs(t.arg),
    },
    resolve: async function resolveTimeline(_root, args, context, info) {
      const order = orderOf('timeline', args.orderBy, 'START');
      const window = windowOf(args, order, readsCursors(info));
      checkYearRange(args);
      const range = { from: args.from ?? null, to: args.to ?? null, slim: readsOnlyIdentity(info), ends: readsRelationEnds(info), ...window };
      if (args.involving == null) {
        const [page] = await context.executor.read(timelinePages[order.field], range);
        return toConnection(page ?? EMPTY_PAGE, order);
      }
      const involving = { ref: checkRefLength(String(args.involving), 'involving'), argument: 'involving' };
      const page = await readWithRefs(
        context,
        [involving],
        async ([ref = '']) => {
          const [row] = await context.executor.read(timelineAroundPages[order.field], { ...range, involving: refParams(ref) });
          return row ?? { ...EMPTY_PAGE, involvingMatches: [], involving: null };
        },
        (row) => [{ matches: row.involvingMatches, used: row.involving }],
      );
      return toConnection(page, order);
    },
  }),
}));
