import type { CypherExecutor } from '../cypher/executor.ts';
import type { Caller } from './caller.ts';
import type { Loaders } from './loaders/index.ts';

/** What every resolver gets: this request's executor and loaders over the process's one driver (built by server/context.ts). */
export interface Context {
  readonly requestId: string;
  readonly executor: CypherExecutor;
  readonly loaders: Loaders;
  /** Who is calling, from the bearer token: mutations check it (schema/caller.ts); reads ignore it. */
  readonly caller: Caller;
}
