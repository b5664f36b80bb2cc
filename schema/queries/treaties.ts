import { refParams } from '../../cypher/entities.ts';
import { treatiesPage } from '../../cypher/treaties.ts';
import { ErrorCode, clientError } from '../errors.ts';
import { builder } from '../builder.ts';
import { EMPTY_PAGE, MAX_PAGE_SIZE, toConnection, windowOf } from '../pages.ts';
import { checkYearRange } from '../arguments.ts';
import { pageArgs } from '../types/connection.ts';
import { readsOnlyIdentity } from '../projection.ts';
import { checkRefLength } from '../arguments.ts';
import { settledRef } from '../resolve-ref.ts';
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
      if ((args.between?.length ?? 0) > MAX_PAGE_SIZE) {
        throw clientError(ErrorCode.BadUserInput, `\`between\`: at most ${MAX_PAGE_SIZE} parties.`, { argument: 'between' });
      }
      const between = (args.between ?? []).map((ref) => checkRefLength(String(ref), 'between'));
      const affecting = args.affecting == null ? null : checkRefLength(args.affecting, 'affecting');
      const pageFor = async (area: string | null, parties: readonly string[]) => {
        const [page] = await context.executor.read(treatiesPage, {
          areaRef: area === null ? null : refParams(area),
          areaKinds: AREA_KINDS,
          between: parties.map(refParams),
          partyKinds: PARTY_KINDS,
          from: args.from ?? null,
          to: args.to ?? null,
          slim: readsOnlyIdentity(info),
          ...window,
        });
        return page ?? { ...EMPTY_PAGE, areaMatches: [], area: null, partyMatches: [], parties: [] };
      };
      // The page query resolves `affecting` and `between` itself: one round-trip when each names one entity.
      const page = await pageFor(affecting, between);
      const area = affecting === null ? null : await settledRef(context, affecting, 'affecting', page.areaMatches, AREA_KINDS);
      const parties: string[] = [];
      for (const [index, ref] of between.entries()) parties.push(await settledRef(context, ref, 'between', page.partyMatches[index] ?? [], PARTY_KINDS));
      // Only when the data changed between the query and settledRef's own reads: the page of what they found now.
      const settled = area === page.area && parties.every((party, index) => party === page.parties[index]);
      return toConnection(entityPage(settled ? page : await pageFor(area, parties)), window);
    },
  }),
}));
