import type { RateLimitStatus } from '../schema/context.ts';

/** How many cost points each client may spend, per window. */
export interface RateLimitOptions {
  /** Points per window (RATE_LIMIT_POINTS). @default 1_000_000 */
  readonly points: number;
  /** Length of a window in milliseconds (RATE_LIMIT_WINDOW_S × 1000). @default 60_000 */
  readonly windowMs: number;
}

export interface RateLimitDecision extends RateLimitStatus {
  /** False when the cost does not fit in what remains: nothing was charged. */
  readonly allowed: boolean;
}

/**
 * Past this many clients inside their windows, the one whose window started first is forgotten (it
 * starts afresh): memory stays bounded (about 100 bytes a client) when addresses are many.
 */
export const MAX_TRACKED_CLIENTS = 100_000;

interface Window {
  readonly start: number;
  used: number;
}

/**
 * A fixed window per client, starting at its first operation (as GitHub's does), so that clients do
 * not all reset at once. Simple to explain and to plan for (`resetAt`); the price is that a client can
 * spend up to twice its budget across the end of one window and the start of the next. Kept in this
 * process's memory: each server process keeps its own budgets.
 */
export class RateLimiter {
  // In window-start order (a window that ends is deleted, and a new one is added at the end), so the
  // windows that have ended are always the first ones.
  readonly #windows = new Map<string, Window>();

  constructor(
    private readonly options: RateLimitOptions,
    private readonly now: () => number = Date.now,
  ) {}

  /** Charges `cost` points to `client` if they fit in what its window has left. */
  charge(client: string, cost: number): RateLimitDecision {
    const now = this.now();
    this.#forgetEnded(now);
    let window = this.#windows.get(client);
    if (!window) {
      window = { start: now, used: 0 };
      this.#windows.set(client, window);
      if (this.#windows.size > MAX_TRACKED_CLIENTS) this.#windows.delete(this.#windows.keys().next().value ?? client);
    }
    const allowed = window.used + cost <= this.options.points;
    if (allowed) window.used += cost;
    return { allowed, limit: this.options.points, cost, remaining: this.options.points - window.used, resetAt: new Date(window.start + this.options.windowMs) };
  }

  /** Clients whose window is still open (for tests of the memory bound). */
  get trackedClients(): number {
    return this.#windows.size;
  }

  #forgetEnded(now: number): void {
    for (const [client, window] of this.#windows) {
      if (window.start + this.options.windowMs > now) return;
      this.#windows.delete(client);
    }
  }
}
