import neo4j from 'neo4j-driver';

/** The driver's own schedule for managed transactions (neo4j-driver's TransactionExecutor defaults). */
const FIRST_DELAY_MS = 1_000;
const MULTIPLIER = 2;
const JITTER = 0.2;

/** NEO4J_MAX_RETRY_TIME_MS when not set (server/config.ts): time for one retry after the first 1 s wait. */
export const DEFAULT_MAX_RETRY_TIME_MS = 500;

/**
 * Runs `attempt`, and again after a transient failure (Neo4j unreachable, a lost connection, a deadlock) while no
 * more than `maxRetryTimeMs` has passed since the first failure, waiting 1 s, then 2 s, 4 s…, each ±20%: the
 * driver's rule for the transactions it retries itself. `mayRetry` is asked before each retry (false once the
 * process is shutting down). Any other error, and the last transient one, is thrown.
 */
export async function retryTransient<T>(attempt: () => Promise<T>, maxRetryTimeMs: number, mayRetry: () => boolean = () => true): Promise<T> {
  let firstFailure: number | undefined;
  for (let delay = FIRST_DELAY_MS; ; delay *= MULTIPLIER) {
    try {
      return await attempt();
    } catch (error) {
      firstFailure ??= performance.now();
      if (!neo4j.isRetryableError(error) || performance.now() - firstFailure > maxRetryTimeMs || !mayRetry()) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay * (1 - JITTER + Math.random() * 2 * JITTER)));
    }
  }
}
