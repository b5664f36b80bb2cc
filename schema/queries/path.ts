import { refParams } from '../../cypher/entities.ts';
import { MAX_HOPS, MAX_PATHS, shortestPaths, type PathRow } from '../../cypher/path.ts';
import { ErrorCode, clientError } from '../errors.ts';
import { builder } from '../builder.ts';
import { readsOnlyIdentity, readsRelationEnds } from '../projection.ts';
import { checkRefLength } from '../arguments.ts';
import { settledRef } from '../resolve-ref.ts';
import { EntityRef } from '../types/entity-ref.ts';
import { Relation } from '../types/relation.ts';

const Path = builder.objectRef<PathRow>('Path').implement({
  description: 'A chain of relations joining two entities, followed in either direction.',
  fields: (t) => ({
    length: t.int({ description: 'How many relations it has.', resolve: (path) => path.relations.length }),
    nodes: t.field({ type: [EntityRef], description: 'The entities along it, from `from` to `to`.', resolve: (path) => path.nodes }),
    relations: t.field({ type: [Relation], description: 'The relations along it, in order; each keeps its own direction.', resolve: (path) => path.relations }),
  }),
});

builder.queryFields((t) => ({
  path: t.field({
    type: [Path],
    description: `The shortest connections between two entities (at most ${MAX_PATHS}), as nodes and relations; empty when none is within \`maxHops\`.`,
    args: {
      from: t.arg.id({ required: true, description: 'An id (or name) to start from.' }),
      to: t.arg.id({ required: true, description: 'An id (or name) to reach.' }),
      maxHops: t.arg.int({ defaultValue: 4, description: `The longest path to look for: 1 to ${MAX_HOPS}.` }),
    },
    resolve: async (_root, args, context, info) => {
      const hops = args.maxHops ?? 4;
      const query = shortestPaths.get(hops);
      if (!query) {
        throw clientError(ErrorCode.BadUserInput, `\`maxHops\` must be between 1 and ${MAX_HOPS}; got ${hops}.`, { argument: 'maxHops' });
      }
      const fromRef = checkRefLength(String(args.from), 'from');
      const toRef = checkRefLength(String(args.to), 'to');
      const pathsBetween = async (fromId: string, toId: string) => {
        const [row] = await context.executor.read(query, { from: refParams(fromId), to: refParams(toId), limit: MAX_PATHS, slim: readsOnlyIdentity(info), ends: readsRelationEnds(info) });
        if (!row) throw new Error('path query returned no row');
        return row;
      };
      // The query resolves both ends itself: one round-trip when they name one entity each.
      const row = await pathsBetween(fromRef, toRef);
      const from = await settledRef(context, fromRef, 'from', row.fromMatches);
      const to = await settledRef(context, toRef, 'to', row.toMatches);
      if (from === to) throw clientError(ErrorCode.BadUserInput, '`from` and `to` are the same entity.', { argument: 'to' });
      // Only when the data changed between the query and settledRef's own reads: the paths between what they found now.
      return from === row.from && to === row.to ? row.paths : (await pathsBetween(from, to)).paths;
    },
  }),
}));
