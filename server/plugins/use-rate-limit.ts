import type { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Context } from '../../schema/context.ts';
import { ErrorCode, clientError } from '../../schema/errors.ts';
import { clientKey, type NodeServerContext, type TrustProxy } from '../client-address.ts';
import type { RateLimitDecision, RateLimiter } from '../rate-limiter.ts';
import type { CostInput } from './operation-cost.ts';

export interface RateLimitPluginOptions {
  readonly limiter: RateLimiter;
  /** Whose `X-Forwarded-For` to believe when a client is known by its address. */
  readonly trustProxy: TrustProxy;
  /** The operation's cost (the one the cost limit uses); undefined when it cannot run at all. */
  readonly costOf: (input: CostInput) => number | undefined;
}


/**
 * Fair use: each operation is charged its cost (at least 1 point) to its client's budget before it
 * runs, and one that does not fit is refused with RATE_LIMITED, HTTP 429 and `Retry-After`, having
 * cost Neo4j nothing. What was charged and what is left go into the context, for the `rateLimit` field.
 * A client is the holder of a recognised bearer token, else its address.
 */
export function useRateLimit({ limiter, trustProxy, costOf }: RateLimitPluginOptions): Plugin<Partial<Context> & NodeServerContext> {
  const charge: ChargeHook = ({ args, extendContext, setResultAndStopExecution }) => {
    const cost = costOf(args);
    // Execution will answer with the error (no single operation, bad variables) without running a resolver.
    if (cost === undefined) return;
    // Our context (server/context.ts) is built by now; Node's request is there when served by node:http.
    const context = args.contextValue;
    const client = clientKey(context.caller, context.req?.socket?.remoteAddress, context.request.headers.get('x-forwarded-for'), trustProxy);
    const decision = limiter.charge(client, Math.max(1, cost));
    if (decision.allowed) {
      const { limit, remaining, resetAt } = decision;
      extendContext({ rateLimit: { limit, cost: decision.cost, remaining, resetAt } });
      return;
    }
    setResultAndStopExecution({ errors: [rateLimited(decision)] });
  };
  // A subscription is charged once, when it starts, what one of its events costs; how many a client holds open is bounded apart (ChangeFeed).
  return { onExecute: charge, onSubscribe: charge };
}

/** What an execution and a subscription both give a plugin before they start: the arguments, and ways to extend the context or answer at once. */
type ChargeHook = (payload: {
  readonly args: CostInput & { readonly contextValue: Partial<Context> & NodeServerContext & { readonly request: Request } };
  readonly extendContext: (extension: Partial<Context>) => void;
  readonly setResultAndStopExecution: (result: { errors: GraphQLError[] }) => void;
}) => void;

function rateLimited({ limit, cost, remaining, resetAt }: RateLimitDecision) {
  const retryAfter = Math.max(1, Math.ceil((resetAt.getTime() - Date.now()) / 1000));
  const message =
    cost > limit
      ? `This operation costs ${cost} points, more than a client's whole budget of ${limit} per window. Ask for less: smaller pages (\`first\`) or fewer nested lists.`
      : `This client has spent its budget: the operation costs ${cost} points and ${remaining} of ${limit} remain until ${resetAt.toISOString()}. Wait ${retryAfter} s (Retry-After), or ask for less.`;
  return clientError(ErrorCode.RateLimited, message, {
    limit,
    cost,
    remaining,
    resetAt: resetAt.toISOString(),
    http: { status: 429, headers: { 'Retry-After': String(retryAfter) } },
  });
}
