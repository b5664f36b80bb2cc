/**
 * The Neo4j sessions open right now across all of a process's executors. The driver does not
 * expose its pool's in-use count, and each open session holds (or waits for) one pooled
 * connection, so this is what /metrics shows as pool use. At shutdown it also lets the process
 * refuse new transactions and wait for the running ones to end before it closes the driver.
 */
export class SessionTracker {
  #open = 0;
  #refusing = false;
  #onIdle: (() => void)[] = [];

  get open(): number {
    return this.#open;
  }

  /** Counts a session about to open; false once new ones are refused (nothing was counted then). */
  enter(): boolean {
    if (this.#refusing) return false;
    this.#open += 1;
    return true;
  }

  leave(): void {
    this.#open -= 1;
    if (this.#open > 0) return;
    const waiting = this.#onIdle;
    this.#onIdle = [];
    for (const resolve of waiting) resolve();
  }

  /** Whether new sessions may still open; false once the process is shutting down. */
  get accepting(): boolean {
    return !this.#refusing;
  }

  /** From now on `enter` answers false: no new transaction starts. Running ones go on. */
  refuseNew(): void {
    this.#refusing = true;
  }

  /** Resolves true once no session is open, or false if some still are after `timeoutMs`. */
  async idle(timeoutMs: number): Promise<boolean> {
    if (this.#open === 0) return true;
    let timer: NodeJS.Timeout | undefined;
    await new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
      this.#onIdle.push(resolve);
    });
    clearTimeout(timer);
    return this.#open === 0;
  }
}
