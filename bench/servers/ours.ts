import { pathToFileURL } from 'node:url';
import type * as HttpPolicy from '../../server/http-policy.ts';
import type * as Yoga from '../../server/yoga.ts';
import { appModule } from '../variants.ts';
import type { ServerFactory } from './types.ts';

/**
 * The benchmark is one client asking thousands of times a second, which the default fair-use budget
 * would soon refuse (429). The limiter stays on, so its per-request work is measured as shipped, with a
 * budget so large that no run can spend it: the most a GraphQL Int can say, per second.
 */
const UNSPENDABLE_BUDGET = { points: 2_147_483_647, windowMs: 1_000 };

/*
 * The app is imported from the tree the child was given (this checkout, or a variant's checkout or
 * build), so only that tree's code runs in the process. Another tree is taken to keep createApp's
 * options as today's are typed; an option it does not know it ignores, as an older tree without a
 * rate limiter ignores the budget.
 */

/**
 * Ours as shipped: the app of server/yoga.ts with its default policy (but for the budget above), served
 * by node:http as server/listen.ts serves it. Round-trips are counted through the app's own `onQuery`
 * hook, which the executor calls once per statement.
 */
export const oursServer: ServerFactory = async ({ driver, database, timeoutMs, app: tree }) => {
  const { createApp } = (await import(pathToFileURL(appModule(tree, 'yoga')).href)) as typeof Yoga;
  const { DEFAULT_POLICY } = (await import(pathToFileURL(appModule(tree, 'http-policy')).href)) as typeof HttpPolicy;
  let roundTrips = 0;
  const app = createApp({ driver, database, timeoutMs, policy: { ...DEFAULT_POLICY, rateLimit: UNSPENDABLE_BUDGET }, onQuery: () => (roundTrips += 1) });
  return { listener: app, roundTrips: () => roundTrips };
};
