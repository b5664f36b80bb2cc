import { fuzzyQuery, searchWords } from '../../cypher/lucene.ts';
import { searchPage, type SearchHit } from '../../cypher/search.ts';
import { ENTITY_KINDS } from '../../model/kinds.ts';
import { parseKind } from '../arguments.ts';
import { builder } from '../builder.ts';
import { nullWhen } from '../root-fields.ts';
import { ErrorCode, clientError } from '../errors.ts';
import { EMPTY_PAGE, ORDERS, toConnection, windowOf, type Positioned } from '../pages.ts';
import { readsCursors, readsOnlyIdentity } from '../projection.ts';
import { connectionType, cursorField, pageArgs } from '../types/connection.ts';
import { EntityRef } from '../types/entity-ref.ts';

const SearchEdge = builder.objectRef<Positioned<SearchHit>>('SearchEdge').implement({
  description: 'One search hit.',
  fields: (t) => ({
    cursor: cursorField(t, 'Where this hit sits in the ranking; pass it as `after`.'),
    node: t.field({ type: EntityRef, description: 'The entity found.', resolve: (hit) => hit.item.node }),
    score: t.float({ description: 'How well it matches (Lucene score; higher is better, comparable within one search only).', resolve: (hit) => hit.item.score }),
  }),
});

const SearchConnection = connectionType<SearchHit>('Search', SearchEdge, {
  type: 'Search hits, best first.',
  total: 'How many entities match (counting at most the best 1,000).',
  edges: 'The hits on this page.',
});

builder.queryFields((t) => ({
  search: t.field({
    type: SearchConnection,
    nullable: true,
    description: 'Full-text search over names, aliases and descriptions: ranked, with prefixes and typos tolerated ("Irkestam" finds the Irkeshtam Pass).' +
      nullWhen('an argument is refused (BAD_USER_INPUT: a `query` without words, an unknown kind, `first`, `after`)'),
    args: {
      query: t.arg.string({ required: true, description: 'Words to look for.' }),
      kinds: t.arg.stringList({ description: `Only these kinds (${ENTITY_KINDS.join(', ')}).` }),
      ...pageArgs(t.arg),
    },
    resolve: async function resolveSearch(_root, args, { executor }, info) {
      const window = windowOf(args, ORDERS.searchByScore, readsCursors(info));
      const words = searchWords(args.query);
      if (words.length === 0) {
        throw clientError(ErrorCode.BadUserInput, '`query` needs at least one word of letters or digits.', { argument: 'query' });
      }
      const kinds = args.kinds?.map((kind) => parseKind(kind, 'kinds', ENTITY_KINDS)) ?? null;
      const [page] = await executor.read(searchPage, { lucene: fuzzyQuery(words), kinds, slim: readsOnlyIdentity(info), ...window });
      return toConnection(page ?? EMPTY_PAGE, ORDERS.searchByScore);
    },
  }),
}));
