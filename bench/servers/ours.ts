import { createApp } from '../../server/yoga.ts';
import type { ServerFactory } from './types.ts';

/**
 * Ours as shipped: the app of server/yoga.ts with its default policy, served by node:http as
 * server/listen.ts serves it. Round-trips are counted through the app's own `onQuery` hook,
 * which the executor calls once per statement.
 */
export const oursServer: ServerFactory = async ({ driver, database, timeoutMs }) => {
  let roundTrips = 0;
  const app = createApp({ driver, database, timeoutMs, onQuery: () => (roundTrips += 1) });
  return { listener: app, roundTrips: () => roundTrips };
};
