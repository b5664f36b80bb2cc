import { refParams } from '../../cypher/entities.ts';
import { treatiesPage } from '../../cypher/treaties.ts';
import { ErrorCode, clientError } from '../../server/errors.ts';
import { builder } from '../builder.ts';
import { EMPTY_PAGE, MAX_PAGE_SIZE, checkYearRange, pageArgs, toConnection, windowOf } from '../pagination.ts';
import { readsOnlyIdentity } from '../projection.ts';
import { checkRefLength, resolveRef, settledRef } from '../resolve-ref.ts';
import { entityConnection, entityPage } from '../types/entity-connection.ts';
import { Treaty } from '../types/treaty.ts';

const TreatyConnection = entityConnection('Treaty', Treaty, 'treaty');

/** Places a treaty can act on: what `affecting` may name. */
const AREA_KINDS = ['Region', 'Border', 'State', 'Empire', 'Pass'] as const;
const PARTY_KINDS = ['State', 'Empire'] as const;

builder.queryFields((t) => ({
  treaties: t.field({
    type: TreatyConnection,
    description: 'Treaties in date order, filtered by the area they acted on, their parties and their dates.',
    args: {
      affecting: t.arg.string({
        description:
          'An id, name or alias of a region, border or other place, in any case ("Ili basin"): treaties that provided for, delimited, adjusted or ceded it or anything lying within it, transitively.',
      }),
      between: t.arg.idList({ description: 'Ids (or names) of states or empires that must all be parties.' }),
      from: t.arg.int({ description: 'Only treaties in force or signed in or after this year.' }),
      to: t.arg.int({ description: 'Only treaties signed in or before this year.' }),
      ...pageArgs(t.arg),
    },
    resolve: async (_root, args, context, info) => {
      const window = windowOf(args);
      checkYearRange(args);
      const between = args.between ?? [];
      if (between.length > MAX_PAGE_SIZE) throw clientError(ErrorCode.BadUserInput, `\`between\`: at most ${MAX_PAGE_SIZE} parties.`, { argument: 'between' });
      const parties = await Promise.all(between.map((ref) => resolveRef(context, String(ref), 'between', PARTY_KINDS)));
      const pageFor = async (affecting: string | null | undefined) => {
        const [page] = await context.executor.read(treatiesPage, {
          areaRef: affecting == null ? null : refParams(checkRefLength(affecting, 'affecting')),
          areaKinds: AREA_KINDS,
          between: parties,
          from: args.from ?? null,
          to: args.to ?? null,
          slim: readsOnlyIdentity(info),
          ...window,
        });
        return page ?? { ...EMPTY_PAGE, areaMatches: [], area: null };
      };
      // The page query resolves `affecting` itself: one round-trip for the headline question.
      const page = await pageFor(args.affecting);
      if (args.affecting != null) {
        const area = await settledRef(context, args.affecting, 'affecting', page.areaMatches, AREA_KINDS);
        // Only when the data changed between the query and settledRef's own read: the page of what it found now.
        if (area !== page.area) return toConnection(entityPage(await pageFor(area)), window);
      }
      return toConnection(entityPage(page), window);
    },
  }),
}));
