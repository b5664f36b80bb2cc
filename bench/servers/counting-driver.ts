import type { Driver, ManagedTransaction, Session } from 'neo4j-driver';

/** What a server did with Neo4j, as its driver saw it. */
export interface DriverCounters {
  /** Statements sent (`run`, in or outside a transaction). */
  statements: number;
  /** Sessions open right now: while one is, Neo4j may still be working for a request whose client has gone. */
  openSessions: number;
  /** While set, every statement sent is also kept here with its parameters, to be profiled (plans.ts). */
  recorded?: RecordedStatement[] | undefined;
}

export interface RecordedStatement {
  readonly text: string;
  readonly params: Record<string, unknown>;
}

/** Counts a statement, and keeps it while recording; a statement given as a Query object is kept by its text. */
function counted(counters: DriverCounters, query: unknown, params: unknown): void {
  counters.statements += 1;
  const text = typeof query === 'string' ? query : typeof query === 'object' && query !== null && 'text' in query ? String(query.text) : undefined;
  if (counters.recorded && text !== undefined) counters.recorded.push({ text, params: typeof params === 'object' && params !== null ? (params as Record<string, unknown>) : {} });
}

/**
 * The driver as a server sees it, counting every statement sent and every session open. Each
 * server gets its driver through this: the peer's and the ceiling's round-trips are its counts
 * (@neo4j/graphql runs its Cypher only through the driver it is given: a session per root field,
 * `executeRead` → `tx.run`), and the load generator waits for open sessions to drain between
 * runs so that one server's leftover queries do not slow the next. Everything else passes through.
 */
export function countingDriver(driver: Driver, counters: DriverCounters): Driver {
  return new Proxy(driver, {
    get(target, property) {
      if (property === 'session') {
        return (...args: Parameters<Driver['session']>) => {
          counters.openSessions += 1;
          return countingSession(target.session(...args), counters);
        };
      }
      return passThrough(target, property);
    },
  });
}

function countingSession(session: Session, counters: DriverCounters): Session {
  let closed = false;
  return new Proxy(session, {
    get(target, property) {
      switch (property) {
        case 'run':
          return (...args: Parameters<Session['run']>) => {
            counted(counters, args[0], args[1]);
            return target.run(...args);
          };
        case 'executeRead':
        case 'executeWrite': {
          const execute = target[property].bind(target);
          return <T>(work: (tx: ManagedTransaction) => Promise<T> | T, config?: Parameters<Session['executeRead']>[1]) =>
            execute((tx) => work(countingTransaction(tx, counters)), config);
        }
        case 'close':
          return async () => {
            try {
              await target.close();
            } finally {
              if (!closed) counters.openSessions -= 1;
              closed = true;
            }
          };
        default:
          return passThrough(target, property);
      }
    },
  });
}

function countingTransaction(tx: ManagedTransaction, counters: DriverCounters): ManagedTransaction {
  return new Proxy(tx, {
    get(target, property) {
      if (property === 'run') {
        return (...args: Parameters<ManagedTransaction['run']>) => {
          counted(counters, args[0], args[1]);
          return target.run(...args);
        };
      }
      return passThrough(target, property);
    },
  });
}

/** A property of the real object; methods stay bound to it, so its private fields keep working. */
function passThrough(target: object, property: string | symbol): unknown {
  const value: unknown = Reflect.get(target, property, target);
  return typeof value === 'function' ? value.bind(target) : value;
}
