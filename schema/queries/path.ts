import { refParams } from '../../cypher/entities.ts';
import { MAX_HOPS, MAX_PATHS, shortestPaths, shortestPathsAsOf, type PathRow } from '../../cypher/path.ts';
import { checkRefLength } from '../arguments.ts';
import { builder } from '../builder.ts';
import { nullWhen } from '../root-fields.ts';
import { ErrorCode, clientError } from '../errors.ts';
import { readsOnlyIdentity, readsRelationEnds } from '../projection.ts';
import { readWithRefs } from '../resolve-ref.ts';
import { HELD_DESCRIPTION, HeldEnum, asOfArgs, asOfParams, heldOf } from '../types/as-of.ts';
import { EntityKindEnum } from '../types/entity.ts';
import { EntityRef } from '../types/entity-ref.ts';
import { Relation, RelationTypeEnum } from '../types/relation.ts';

/** How many entities `avoid` may name: each is resolved and tested at every step of the search. */
const MAX_AVOIDED = 20;

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
    description: `The shortest connections between two entities (at most ${MAX_PATHS}), as nodes and relations; empty when none is within \`maxHops\`. Steer it with \`types\` (the relations it may follow), \`kinds\` (the entities it may pass through) and \`avoid\` (entities it must not pass through): the shortest paths that keep to them. With \`asOf\`, only through relations and entities that held at that date: the shortest paths of the graph as it stood then.${nullWhen('`from`, `to` or an `avoid` entry names nothing (NOT_FOUND) or several things (AMBIGUOUS), `avoid` names an end, they are the same entity, or `maxHops` or `asOf` is refused (BAD_USER_INPUT)')}`,
    args: {
      from: t.arg.id({ required: true, description: 'An id (or name) to start from.' }),
      to: t.arg.id({ required: true, description: 'An id (or name) to reach.' }),
      maxHops: t.arg.int({ defaultValue: 4, description: `The longest path to look for: 1 to ${MAX_HOPS}.` }),
      types: t.arg({ type: [RelationTypeEnum], description: 'Follow only relations of these types; any type when left out or empty.' }),
      avoid: t.arg.idList({
        description: `Ids (or names) of entities the path must not pass through, e.g. a hub that every short path runs through: at most ${MAX_AVOIDED}. Each must name one entity (else NOT_FOUND or BAD_USER_INPUT), and neither end.`,
      }),
      kinds: t.arg({ type: [EntityKindEnum], description: 'Pass only through entities of these kinds (the two ends may be of any kind); any kind when left out or empty.' }),
      ...asOfArgs(t.arg),
    },
    resolve: async function resolvePath(_root, args, context, info) {
      const hops = args.maxHops ?? 4;
      const asOf = asOfParams(args);
      const query = (asOf.asOfFrom === null ? shortestPaths : shortestPathsAsOf).get(hops);
      if (!query) {
        throw clientError(ErrorCode.BadUserInput, `\`maxHops\` must be between 1 and ${MAX_HOPS}; got ${hops}.`, { argument: 'maxHops' });
      }
      const avoided = args.avoid ?? [];
      if (avoided.length > MAX_AVOIDED) throw clientError(ErrorCode.BadUserInput, `\`avoid\`: at most ${MAX_AVOIDED} entities.`, { argument: 'avoid' });
      const refs = [
        { ref: checkRefLength(String(args.from), 'from'), argument: 'from' },
        { ref: checkRefLength(String(args.to), 'to'), argument: 'to' },
        ...avoided.map((ref) => ({ ref: checkRefLength(String(ref), 'avoid'), argument: 'avoid' })),
      ];
      const steering = { types: [...new Set(args.types ?? [])], kinds: [...new Set(args.kinds ?? [])] };
      const row = await readWithRefs(
        context,
        refs,
        async ([from = '', to = '', ...avoid]) => {
          const [found] = await context.executor.read(query, {
            from: refParams(from),
            to: refParams(to),
            avoid: avoid.map(refParams),
            ...steering,
            limit: MAX_PATHS,
            slim: readsOnlyIdentity(info),
            ends: readsRelationEnds(info),
            ...asOf,
          });
          if (!found) throw new Error('path query returned no row');
          return found;
        },
        (found) => [
          { matches: found.fromMatches, used: found.from },
          { matches: found.toMatches, used: found.to },
          ...avoided.map((_, index) => ({ matches: found.avoidMatches[index] ?? [], used: found.avoid[index] ?? null })),
        ],
      );
      if (row.from === row.to) throw clientError(ErrorCode.BadUserInput, '`from` and `to` are the same entity.', { argument: 'to' });
      const end = row.avoid.find((id) => id === row.from || id === row.to);
      if (end) throw clientError(ErrorCode.BadUserInput, `\`avoid\` names an end of the path ("${end}"): a path cannot avoid where it starts or ends.`, { argument: 'avoid' });
      return row.paths;
    },
  }),
}));
