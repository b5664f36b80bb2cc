import type { LoggedChange } from '../../model/changes.ts';
import { requireExistingItems } from '../../services/changes/list.ts';
import { builder } from '../builder.ts';
import { clientErrorOf } from '../errors.ts';
import { checkIds } from '../queries/changes.ts';
import { Change, parseSince } from '../types/change.ts';

builder.subscriptionFields((t) => ({
  changes: t.field({
    type: Change,
    description:
      'Each change of the knowledge graph as it happens, through whichever server process it was made (they share the change log in Neo4j): curated writes and loads or removals of datasets. Give `since` (the `sequence` of the last change you have) to get first what you missed. NOT_FOUND for an id that is neither an entity nor a relation; SUBSCRIPTION_LIMIT when the client already holds MAX_SUBSCRIPTIONS_PER_CLIENT open.',
    args: {
      ids: t.arg.idList({ description: 'Only changes that touch one of these entities or relations (their `id`); all changes when not given.' }),
      since: t.arg.string({ description: 'Replay the changes after the one with this `sequence` first; without it, only changes from now on.' }),
    },
    subscribe: async function subscribeToChanges(_root, args, { executor, changes, client }): Promise<AsyncIterable<LoggedChange>> {
      try {
        const ids = checkIds(args.ids);
        const since = parseSince(args.since);
        if (ids) await requireExistingItems(executor, ids, 'ids');
        return changes.subscribe(client, { ids, since });
      } catch (error) {
        // Before a subscription starts, errors are answered by graphql-js itself, not execution: give them their codes here.
        throw clientErrorOf(error);
      }
    },
    resolve: (change) => change,
  }),
}));
