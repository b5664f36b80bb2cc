import { refParams } from '../../cypher/entities.ts';
import { MAX_HOPS, MAX_PATHS, shortestPaths, shortestPathsAsOf, type PathRow } from '../../cypher/path.ts';
import { checkRefLength } from '../arguments.ts';
import { builder } from '../builder.ts';
import { nullWhen } from '../root-fields.ts';
import { ErrorCode, clientError } from '../errors.ts';
import { readsOnlyIdentity, readsRelationEnds } from '../projection.ts';
import { readWithRefs } from '../resolve-ref.ts';
import { HELD_DESCRIPTION, HeldEnum, asOfArgs, asOfParams, heldOf } from '../types/as-of.ts';
import { EntityRef } from '../types/entity-ref.ts';
import { Relation } from '../types/relation.ts';

const Path = builder.objectRef<PathRow>('Path').implement({
  description: 'A chain of relations joining two entities, followed in either direction.',
  fields: (t) => ({
    length: t.int({ description: 'How many relations it has.', resolve: (path) => path.relations.length }),
    nodes: t.field({ type: [EntityRef], description: 'The entities along it, from `from` to `to`.', resolve: (path) => path.nodes }),
    relations: t.field({ type: [Relation], description: 'The relations along it, in order; each keeps its own direction.', resolve: (path) => path.relations }),
    held: t.field({
      type: HeldEnum,
      nullable: true,
      description: `${HELD_DESCRIPTION} Each relation along it is a fact, each entity a limit; the path is as sure as its weakest part.`,
      resolve: (path) => heldOf(path.held),
    }),
  }),
});

builder.queryFields((t) => ({
  path: t.field({
    type: [Path],
    nullable: true,
    description: `The shortest connections between two entities (at most ${MAX_PATHS}), as nodes and relations; empty when none is within \`maxHops\`. With \`asOf\`, only through relations and entities that held at that date: the shortest paths of the graph as it stood then.${nullWhen('`from` or `to` names nothing (NOT_FOUND) or several things (AMBIGUOUS), they are the same entity, or `maxHops` or `asOf` is refused (BAD_USER_INPUT)')}`,
    args: {
      from: t.arg.id({ required: true, description: 'An id (or name) to start from.' }),
      to: t.arg.id({ required: true, description: 'An id (or name) to reach.' }),
      maxHops: t.arg.int({ defaultValue: 4, description: `The longest path to look for: 1 to ${MAX_HOPS}.` }),
      ...asOfArgs(t.arg),
    },
    resolve: async function resolvePath(_root, args, context, info) {
      const hops = args.maxHops ?? 4;
      const asOf = asOfParams(args);
      const query = (asOf.asOfFrom === null ? shortestPaths : shortestPathsAsOf).get(hops);
      if (!query) {
        throw clientError(ErrorCode.BadUserInput, `\`maxHops\` must be between 1 and ${MAX_HOPS}; got ${hops}.`, { argument: 'maxHops' });
      }
      const ends = [
        { ref: checkRefLength(String(args.from), 'from'), argument: 'from' },
        { ref: checkRefLength(String(args.to), 'to'), argument: 'to' },
      ];
      const row = await readWithRefs(
        context,
        ends,
        async ([from = '', to = '']) => {
          const [found] = await context.executor.read(query, { from: refParams(from), to: refParams(to), limit: MAX_PATHS, slim: readsOnlyIdentity(info), ends: readsRelationEnds(info), ...asOf });
          if (!found) throw new Error('path query returned no row');
          return found;
        },
        (found) => [
          { matches: found.fromMatches, used: found.from },
          { matches: found.toMatches, used: found.to },
        ],
      );
      if (row.from === row.to) throw clientError(ErrorCode.BadUserInput, '`from` and `to` are the same entity.', { argument: 'to' });
      return row.paths;
    },
  }),
}));
