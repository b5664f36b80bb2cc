import { refParams } from '../../cypher/entities.ts';
import { treatiesAsOfPages, treatiesPages } from '../../cypher/treaties.ts';
import { checkYearRange, checkRefLength } from '../arguments.ts';
import { builder } from '../builder.ts';
import { readEntityPage } from '../entity-pages.ts';
import { nullWhen } from '../root-fields.ts';
import { ErrorCode, clientError } from '../errors.ts';
import { TREATY_EFFECTS_IN_WORDS } from '../../model/relations.ts';
import { EMPTY_PAGE, MAX_PAGE_SIZE, orderOf, toConnection, windowOf } from '../pages.ts';
import { readsCursors, readsOnlyIdentity } from '../projection.ts';
import { readPlanned } from '../planned-read.ts';
import { readWithRefs } from '../resolve-ref.ts';
import { asOfArgs, asOfParams } from '../types/as-of.ts';
import { pageArgs } from '../types/connection.ts';
import { entityConnection } from '../types/entity-connection.ts';
import { orderArg } from '../types/order.ts';
import { Treaty } from '../types/treaty.ts';

const TreatyConnection = entityConnection('Treaty', Treaty, 'treaty');

/** Places a treaty can act on: what `affecting` may name. */
const AREA_KINDS = ['Region', 'Border', 'State', 'Empire', 'Pass'] as const;
const PARTY_KINDS = ['State', 'Empire'] as const;

const treatyOrderArgs = orderArg(
  'Treaty',
  'treaties',
  {
    NAME: 'By name (then id).',
    START: 'By the year it was signed; undated treaties after the dated ones (ascending). The default: the date order `treaties` always had.',
    END: 'By the year its span ends (one stored without an end ends in the year it was signed); undated treaties after the dated ones (ascending).',
  },
  'START',
);

builder.queryFields((t) => ({
  treaties: t.field({
    type: TreatyConnection,
    nullable: true,
    description:
      'Treaties, in date order unless `orderBy` says otherwise, filtered by the area they acted on, their parties and their dates; with `asOf`, those in force at that date (a treaty without an end date stays in force from its signature).' +
      nullWhen('`affecting` or `between` names nothing (NOT_FOUND) or several things (AMBIGUOUS), or another argument is refused (BAD_USER_INPUT)'),
    args: {
      affecting: t.arg.string({
        description: `An id, name or alias of a region, border or other place, in any case ("Ili basin"): treaties that ${TREATY_EFFECTS_IN_WORDS} it or anything lying within it, transitively. Every relation of these types from a treaty to the place counts, whatever its \`effect\` says; what a treaty is only about (CONCERNS) or led to (LED_TO) does not. With \`asOf\`, the effect and the containment it is reached through must not be ruled out at that date either.`,
      }),
      between: t.arg.idList({ description: 'Ids (or names) of states or empires that must all be parties.' }),
      from: t.arg.int({ description: 'Only treaties in force or signed in or after this year.' }),
      to: t.arg.int({ description: 'Only treaties signed in or before this year.' }),
      ...treatyOrderArgs(t.arg),
      ...asOfArgs(t.arg),
      ...pageArgs(t.arg),
    },
    resolve: async function resolveTreaties(_root, args, context, info) {
      const order = orderOf('treaties', args.orderBy, 'START');
      const window = windowOf(args, order, readsCursors(info));
      checkYearRange(args);
      const asOf = asOfParams(args);
      if ((args.between?.length ?? 0) > MAX_PAGE_SIZE) {
        throw clientError(ErrorCode.BadUserInput, `\`between\`: at most ${MAX_PAGE_SIZE} parties.`, { argument: 'between' });
      }
      const between = (args.between ?? []).map((ref) => ({ ref: checkRefLength(String(ref), 'between'), argument: 'between', kinds: PARTY_KINDS }));
      const affecting = args.affecting == null ? [] : [{ ref: checkRefLength(args.affecting, 'affecting'), argument: 'affecting', kinds: AREA_KINDS }];
      const hasArea = affecting.length > 0;
      if (!hasArea && between.length === 0 && args.from == null && args.to == null && asOf.asOfFrom === null) {
        // Nothing but the order narrows the list: every treaty, read from an index in order from the cursor, as
        // `entities(kinds: [Treaty])` reads it (the treaty statement below collects and sorts what it matched).
        const [page] = await readEntityPage({ kinds: ['Treaty'], ...window, slim: readsOnlyIdentity(info) }, asOf, order.field, context, info);
        return toConnection(page ?? EMPTY_PAGE, order);
      }
      const page = await readWithRefs(
        context,
        [...affecting, ...between],
        async (refs) => {
          const area = hasArea ? (refs[0] ?? null) : null;
          const parties = hasArea ? refs.slice(1) : refs;
          const [row] = await readPlanned(context, info, (asOf.asOfFrom === null ? treatiesPages : treatiesAsOfPages)[order.field], {
            areaRef: area === null ? null : refParams(area),
            areaKinds: AREA_KINDS,
            between: parties.map(refParams),
            partyKinds: PARTY_KINDS,
            from: args.from ?? null,
            to: args.to ?? null,
            slim: readsOnlyIdentity(info),
            ...asOf,
            ...window,
          });
          return row ?? { ...EMPTY_PAGE, areaMatches: [], area: null, partyMatches: [], parties: [] };
        },
        (row) => [
          ...(hasArea ? [{ matches: row.areaMatches, used: row.area }] : []),
          ...between.map((_, index) => ({ matches: row.partyMatches[index] ?? [], used: row.parties[index] ?? null })),
        ],
      );
      return toConnection(page, order);
    },
  }),
}));
