/**
 * An async iterator that a producer pushes into and a consumer (a subscription's response) reads from. Unlike an
 * async generator it can be ended while the consumer waits: a client that disconnects, or a server shutting down,
 * ends it at once rather than at the next event. `onEnd` runs once, however it ends.
 */
export class EventQueue<T> implements AsyncIterableIterator<T> {
  readonly #items: T[] = [];
  #waiting: { resolve: (result: IteratorResult<T>) => void; reject: (error: unknown) => void } | undefined;
  #ended = false;
  #failure: { error: unknown } | undefined;

  constructor(private readonly onEnd: () => void) {}

  get ended(): boolean {
    return this.#ended;
  }

  push(item: T): void {
    if (this.#ended) return;
    const waiting = this.#waiting;
    this.#waiting = undefined;
    if (waiting) waiting.resolve({ value: item, done: false });
    else this.#items.push(item);
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
    if (this.#items.length > 0) return Promise.resolve({ value: this.#items.shift() as T, done: false });
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
    this.onEnd();
    return true;
  }
}
