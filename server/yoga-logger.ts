import type { YogaLogger } from 'graphql-yoga';
import type { LogFields, Logger } from './log.ts';

/**
 * Yoga's `logging` option, writing through our logger. Yoga logs with console-style arguments:
 * mostly one message string, or an unexpected error (which it masks for the client) to keep.
 */
export function yogaLogger(log: Logger): YogaLogger {
  const yoga = log.child({ component: 'yoga' });
  const forward = (write: (msg: string, fields?: LogFields) => void) => (...args: unknown[]) => {
    const [first, ...rest] = args;
    if (first instanceof Error) write(first.message, { error: first, ...extra(rest) });
    else write(String(first), extra(rest));
  };
  return {
    debug: forward(yoga.debug),
    info: forward(yoga.info),
    warn: forward(yoga.warn),
    error: forward(yoga.error),
  };
}

function extra(args: unknown[]): LogFields {
  return args.length === 0 ? {} : { args };
}
