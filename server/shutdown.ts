import type { Server, ServerResponse } from 'node:http';
import type { Driver } from 'neo4j-driver';
import type { SessionTracker } from '../cypher/sessions.ts';
import type { Logger } from './log.ts';

export interface ShutdownSteps {
  readonly signal: string;
  readonly drain: RequestDrain;
  readonly sessions: SessionTracker;
  readonly driver: Driver;
  /** Stops an embedded Neo4j this process started; does nothing for one it did not. */
  readonly stopNeo4j: () => Promise<void>;
  /** SHUTDOWN_GRACE_MS */
  readonly graceMs: number;
  /** NEO4J_TX_TIMEOUT_MS: no transaction runs longer, Neo4j stops it. */
  readonly txTimeoutMs: number;
  readonly log: Logger;
}

/** Time for the last answers to be written out once nothing more runs. */
const LAST_ANSWERS_MS = 1_000;
/**
 * How much later than its timeout a transaction may still end: Neo4j looks for timed-out
 * transactions every 2 s (db.transaction.monitor.check.interval), and the rollback takes a moment.
 */
export const TX_TIMEOUT_MARGIN_MS = 3_000;

/**
 * Stops taking requests, lets those in flight finish within the grace period, then closes the
 * driver and stops an embedded Neo4j this process started.
 *
 * Writes: each mutation runs in one Neo4j transaction, so it is never half-done. When the grace
 * period is over, no new transaction starts (SERVICE_UNAVAILABLE), and running ones are let end:
 * committed, or stopped and rolled back by Neo4j at NEO4J_TX_TIMEOUT_MS (QUERY_TIMEOUT). Either way
 * the request is answered. The driver is closed only after that, because closing it under a
 * running query leaves that query's promise unsettled forever (neo4j-driver 6); should Neo4j not
 * stop a transaction in time, closing the connection still makes Neo4j roll it back.
 */
export async function shutDown(steps: ShutdownSteps): Promise<void> {
  const { signal, drain, sessions, driver, log } = steps;
  const started = performance.now();
  log.info('shutting down', { signal, inFlight: drain.inFlight, graceMs: steps.graceMs });
  const left = await drain.drain(steps.graceMs);
  if (left > 0) {
    log.warn('grace period over: refusing new transactions, letting running ones end', { inFlight: left, openSessions: sessions.open });
    sessions.refuseNew();
    if (!(await sessions.idle(steps.txTimeoutMs + TX_TIMEOUT_MARGIN_MS))) {
      log.error('transactions still open after the transaction timeout; closing their connections', { openSessions: sessions.open });
    }
    await drain.settled(LAST_ANSWERS_MS);
    drain.closeAllConnections();
  }
  await driver.close();
  await steps.stopNeo4j();
  log.info('stopped', { signal, ms: Math.round(performance.now() - started) });
}

/**
 * Knows the requests in flight on a Node HTTP server, so that a shutdown can stop taking new
 * connections and still let those requests finish. Attach it right after creating the server.
 */
export class RequestDrain {
  readonly #server: Server;
  readonly #inFlight = new Set<ServerResponse>();
  #draining = false;
  #onIdle: (() => void)[] = [];

  constructor(server: Server) {
    this.#server = server;
    server.on('request', (_request, response: ServerResponse) => {
      this.#inFlight.add(response);
      // A keep-alive client could otherwise go on sending requests through the drain.
      if (this.#draining) closeAfter(response);
      // 'close' comes after the response is sent, and also when the client goes away first.
      response.once('close', () => this.#finished(response));
    });
  }

  get inFlight(): number {
    return this.#inFlight.size;
  }

  /**
   * Stops accepting connections, closes idle keep-alive ones, and waits up to `graceMs` for the
   * requests in flight. Resolves with how many are still running when it gives up (0: all done).
   */
  async drain(graceMs: number): Promise<number> {
    this.#draining = true;
    for (const response of this.#inFlight) closeAfter(response);
    // Its callback would wait for every connection to end; we wait for requests instead, below.
    this.#server.close();
    this.#server.closeIdleConnections();
    await this.settled(graceMs);
    return this.inFlight;
  }

  /** Waits until no request is in flight, or `ms` has passed. */
  async settled(ms: number): Promise<void> {
    if (this.inFlight === 0) return;
    let timer: NodeJS.Timeout | undefined;
    await new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms);
      this.#onIdle.push(resolve);
    });
    clearTimeout(timer);
  }

  /** Ends every connection, finished or not: the last step, once nothing more can be answered. */
  closeAllConnections(): void {
    this.#server.closeAllConnections();
  }

  #finished(response: ServerResponse): void {
    this.#inFlight.delete(response);
    if (this.inFlight > 0) return;
    const waiting = this.#onIdle;
    this.#onIdle = [];
    for (const resolve of waiting) resolve();
  }
}

/** Ask Node to close the connection once this response is sent (if its headers are not out yet). */
function closeAfter(response: ServerResponse): void {
  if (!response.headersSent) response.setHeader('connection', 'close');
}
