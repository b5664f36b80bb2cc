/**
 * A tiny structured logger: one JSON object per line, `debug`/`info` on stdout and `warn`/`error`
 * on stderr, so a log collector can parse every line and a person can still tell the streams apart.
 */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  /** A logger that adds `fields` to every line it writes. */
  child(fields: LogFields): Logger;
}

/** Where finished lines go; tests pass one that collects them. */
export type LogSink = (level: LogLevel, line: string) => void;

export interface LoggerOptions {
  /** Lines below this level are dropped; 'silent' drops all. */
  readonly level: LogLevel | 'silent';
  readonly sink?: LogSink;
}

const RANK: Record<LogLevel | 'silent', number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };
/** How deep `cause` chains are followed: enough for "GraphQL error ← driver error ← socket error". */
const MAX_CAUSE_DEPTH = 3;

const standardStreams: LogSink = (level, line) => {
  (RANK[level] >= RANK.warn ? process.stderr : process.stdout).write(`${line}\n`);
};

export function createLogger(options: LoggerOptions): Logger {
  return loggerWith(options.sink ?? standardStreams, RANK[options.level], {});
}

/** Discards everything: for apps made in tests that do not look at logs. */
export const silentLogger: Logger = createLogger({ level: 'silent' });

function loggerWith(sink: LogSink, threshold: number, bound: LogFields): Logger {
  const write = (level: LogLevel) => (msg: string, fields?: LogFields) => {
    if (RANK[level] < threshold) return;
    sink(level, formatLine(level, msg, { ...bound, ...fields }));
  };
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    child: (fields) => loggerWith(sink, threshold, { ...bound, ...fields }),
  };
}

function formatLine(level: LogLevel, msg: string, fields: LogFields): string {
  // Errors are described before JSON.stringify, which would otherwise prefer an error's own toJSON
  // (GraphQLError has one that leaves out the stack and the original error).
  const described = Object.entries(fields).map(([key, value]) => [key, value instanceof Error ? describeError(value) : value]);
  const entry = { time: new Date().toISOString(), level, msg, ...Object.fromEntries(described) };
  try {
    return JSON.stringify(entry, (_key, value: unknown) => (value instanceof Error ? describeError(value) : value));
  } catch (error) {
    // A circular or BigInt field must not cost the line itself: keep what is certainly serialisable.
    return JSON.stringify({ time: entry.time, level, msg, logFieldsDropped: describeError(error) });
  }
}

export interface ErrorDescription {
  readonly name: string;
  readonly message: string;
  readonly code?: string;
  readonly stack?: string;
  readonly cause?: ErrorDescription | string;
}

/** An error as plain data for a log line: name, message, its `code` if any, stack, and its causes. */
export function describeError(error: unknown, depth = 0): ErrorDescription | string {
  if (!(error instanceof Error)) return String(error);
  const code = 'code' in error && error.code !== undefined ? String(error.code) : undefined;
  // GraphQL wraps what a resolver threw as `originalError` rather than `cause`.
  const underlying = error.cause ?? ('originalError' in error ? error.originalError : undefined);
  const cause = underlying != null && depth < MAX_CAUSE_DEPTH ? describeError(underlying, depth + 1) : undefined;
  return {
    name: error.name,
    message: error.message,
    ...(code === undefined ? {} : { code }),
    ...(error.stack === undefined ? {} : { stack: error.stack }),
    ...(cause === undefined ? {} : { cause }),
  };
}
