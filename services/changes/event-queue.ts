/**
 * An async iterator that a producer pushes into and a consumer (a subscription's response) reads from. Unlike an
 * async generator it can be ended while the consumer waits: a client that disconnects, or a server shutting down,
 * ends it at once rather than at the next event. `onEnd` runs once, however it ends.
 */
/** How many items a queue holds for a consumer that reads slower than they come, and what ends it past that. */
export interface QueueBound<T> {
  readonly capacity: number;
  /** The error the queue ends with, given the last item it still holds (what the consumer will have read). */
  readonly overflow: (last: T | undefined) => unknown;
}

export class EventQueue<T> implements AsyncIterableIterator<T> {
  readonly #items: T[] = [];
  #waiting: { resolve: (result: IteratorResult<T>) => void; reject: (error: unknown) => void } | undefined;
  #roomWaiters: (() => void)[] = [];
  #ended = false;
  #failure: { error: unknown } | undefined;

  constructor(
    private readonly onEnd: () => void,
    private readonly bound: QueueBound<T>,
  ) {}

  get ended(): boolean {
    return this.#ended;
  }

  push(item: T): void {
    if (this.#ended) return;
    const waiting = this.#waiting;
    this.#waiting = undefined;
    if (waiting) waiting.resolve({ value: item, done: false });
    else if (this.#items.length >= this.bound.capacity) this.fail(this.bound.overflow(this.#items.at(-1)));
    else this.#items.push(item);
  }

  /** Resolves once the queue is at most half full (or ended): a producer with much to push waits for the consumer. */
  room(): Promise<void> {
    if (this.#ended || this.#items.length <= this.bound.capacity / 2) return Promise.resolve();
    return new Promise((resolve) => this.#roomWaiters.push(resolve));
  }

  /** Ends after the items already pushed. */
  end(): void {
    if (this.#finish()) this.#waiting?.resolve({ value: undefined, done: true });
  }

  /** Ends with `error`, after the items already pushed. */
  fail(error: unknown): void {
    if (!this.#finish()) return;
    this.#failure = { error };
    this.#waiting?.reject(error);
  }

  next(): Promise<IteratorResult<T>> {
    if (this.#items.length > 0) {
      const item = this.#items.shift() as T;
      if (this.#items.length <= this.bound.capacity / 2) this.#wakeProducers();
      return Promise.resolve({ value: item, done: false });
    }
    if (this.#failure) {
      const { error } = this.#failure;
      this.#failure = undefined;
      return Promise.reject(error);
    }
    if (this.#ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => (this.#waiting = { resolve, reject }));
  }

  /** The consumer is done (the client went away): nothing more is read. */
  return(): Promise<IteratorResult<T>> {
    this.#items.length = 0;
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  #finish(): boolean {
    if (this.#ended) return false;
    this.#ended = true;
    this.#wakeProducers();
    this.onEnd();
    return true;
  }

  #wakeProducers(): void {
    for (const wake of this.#roomWaiters.splice(0)) wake();
  }
}
