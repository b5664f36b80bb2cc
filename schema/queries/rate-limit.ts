import { builder } from '../builder.ts';
import type { RateLimitStatus } from '../context.ts';

const RateLimit = builder.objectRef<RateLimitStatus>('RateLimit').implement({
  description:
    "The calling client's budget of cost points (RATE_LIMIT_POINTS per RATE_LIMIT_WINDOW_S). Each operation is charged its cost before it runs; one that does not fit in what remains is refused with RATE_LIMITED (HTTP 429).",
  fields: (t) => ({
    limit: t.exposeInt('limit', { description: 'Points a client may spend in one window.' }),
    cost: t.exposeInt('cost', {
      description: 'Points this operation was charged: the most objects its answer can hold, page sizes (`first`) multiplied through, and at least 1.',
    }),
    remaining: t.exposeInt('remaining', { description: 'Points left in the current window, after this operation.' }),
    resetAt: t.string({
      description: 'When the current window ends and the budget is whole again: an ISO 8601 time in UTC, e.g. `2026-06-11T08:15:00.000Z`.',
      resolve: (status) => status.resetAt.toISOString(),
    }),
  }),
});

builder.queryFields((t) => ({
  rateLimit: t.field({
    type: RateLimit,
    nullable: true,
    description:
      'How much of its budget the calling client has left, to plan its next requests. A client is known by its bearer token (its holder), else by its address. Asking for this alone costs 1 point. Null when the server limits no one.',
    resolve: function resolveRateLimit(_root, _args, { rateLimit }) {
      return rateLimit ?? null;
    },
  }),
}));
