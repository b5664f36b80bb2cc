import neo4j from 'neo4j-driver';

/** The driver's own schedule for managed transactions (neo4j-driver's TransactionExecutor defaults). */
const FIRST_DELAY_MS = 1_000;
const MULTIPLIER = 2;
const JITTER = 0.2;

/**
 * Runs `attempt`, and again after a transient failure (Neo4j unreachable, a lost connection, a deadlock) while less
 * than `maxRetryTimeMs` has passed since the first try, waiting 1 s, then 2 s, 4 s…, each ±20%: the schedule the
 * driver uses for the transactions it retries itself. Any other error, and the last transient one, is thrown.
 */
export async function retryTransient<T>(attempt: () => Promise<T>, maxRetryTimeMs: number): Promise<T> {
  const started = performance.now();
  for (let delay = FIRST_DELAY_MS; ; delay *= MULTIPLIER) {
    try {
      return await attempt();
    } catch (error) {
      if (!neo4j.isRetryableError(error) || performance.now() - started >= maxRetryTimeMs) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay * (1 - JITTER + Math.random() * 2 * JITTER)));
    }
  }
}
