import type { CypherExecutor } from '../cypher/executor.ts';
import type { ChangeFeed } from '../services/changes/feed.ts';
import type { Caller } from './caller.ts';
import type { Loaders } from './loaders/index.ts';

/** What every resolver gets: this request's executor and loaders over the process's one driver (built by server/context.ts). */
export interface Context {
  readonly requestId: string;
  readonly executor: CypherExecutor;
  readonly loaders: Loaders;
  /** Whether root lists read the relation fields selected beneath them in the same statement (schema/planned-read.ts). */
  readonly planRelations: boolean;
  /** Who is calling, from the bearer token: mutations check it (schema/caller.ts); reads ignore it. */
  readonly caller: Caller;
  /** Who the client is, for limits kept per client: the holder of a recognised credential, else its address (server/client-address.ts). */
  readonly client: string;
  /** This process's live changes (`subscription { changes }`), shared by every request. */
  readonly changes: ChangeFeed;
  /** The calling client's budget after this operation was charged to it; absent while clients are not limited. Set by the server before execution. */
  readonly rateLimit?: RateLimitStatus;
}

/** A client's budget of cost points in its current window (the `rateLimit` field). */
export interface RateLimitStatus {
  /** Points a client may spend per window. */
  readonly limit: number;
  /** Points this operation was charged. */
  readonly cost: number;
  /** Points left in the window. */
  readonly remaining: number;
  /** When the window ends and the budget is whole again. */
  readonly resetAt: Date;
}
