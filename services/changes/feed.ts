import { lastSequence } from '../../cypher/changes.ts';
import { DatabaseUnavailable } from '../../cypher/errors.ts';
import type { CypherExecutor } from '../../cypher/executor.ts';
import type { LoggedChange } from '../../model/changes.ts';
import { SubscriberFellBehind, TooManySubscriptions } from '../../model/errors.ts';
import { EventQueue } from './event-queue.ts';
import { NO_FILTER, readChanges, type ChangeWindow } from './list.ts';

export interface ChangeFeedOptions {
  /** How often the log is read while anyone here subscribes (CHANGES_POLL_MS). @default 250 */
  readonly pollMs: number;
  /** Subscriptions one client may hold open at once in this process (MAX_SUBSCRIPTIONS_PER_CLIENT). @default 10 */
  readonly maxPerClient: number;
  /** Told of a failed read of the log; the feed reads again after the next interval. */
  readonly onError?: (error: unknown) => void;
}

/** What one subscription wants: changes touching any of `ids` (all when null), from after sequence `since` (from now when null). */
export interface ChangeRequest {
  readonly ids: readonly string[] | null;
  readonly since: number | null;
}

/** Changes read from the log per round-trip, when following it or replaying it. */
const PAGE = 200;
/**
 * The most changes one subscription holds for a client that reads slower than they come (twice a page of the
 * log, so replay can read a page while the client reads the last). Past it the subscription ends with
 * SUBSCRIPTION_LIMIT and the sequence to resume from, rather than hold memory for it without bound.
 */
export const QUEUE_CAPACITY = 2 * PAGE;

/**
 * The live changes of one server process. While anyone subscribes it follows the change log in Neo4j, reading
 * what comes after the last sequence it has seen every `pollMs`, and hands each change to every subscription. Each
 * process follows the log itself, so a change made through any process on the same Neo4j reaches the subscribers
 * of all of them, with no broker between; a change is in the log only once its write has committed, and sequences
 * commit in order (cypher/changes.ts), so following by sequence misses nothing.
 */
export class ChangeFeed {
  readonly #listeners = new Set<(changes: readonly LoggedChange[]) => void>();
  readonly #openByClient = new Map<string, number>();
  readonly #queues = new Set<EventQueue<LoggedChange>>();
  /** Resolves once the feed knows where the log ends; unset while nobody subscribes. */
  #following: Promise<void> | undefined;
  /** Every change up to this sequence has been handed out. */
  #position = 0;
  #timer: NodeJS.Timeout | undefined;
  /** Counts stops: a read of the log that began before the last stop hands out nothing and schedules nothing. */
  #epoch = 0;
  #closed = false;

  constructor(
    private readonly executor: CypherExecutor,
    private readonly options: ChangeFeedOptions,
  ) {}

  /** Subscriptions open in this process now. */
  get open(): number {
    return this.#queues.size;
  }

  /**
   * The changes `request` wants, as they come: first those after `since` already in the log, then each new one.
   * Counted against `client`'s limit until the iterator ends.
   */
  subscribe(client: string, request: ChangeRequest): AsyncIterableIterator<LoggedChange> {
    if (this.#closed) throw new DatabaseUnavailable('shutdown');
    const open = this.#openByClient.get(client) ?? 0;
    if (open >= this.options.maxPerClient) throw new TooManySubscriptions(this.options.maxPerClient);
    this.#openByClient.set(client, open + 1);

    const wanted = request.ids && new Set(request.ids);
    let last = request.since ?? 0;
    let replaying = true;
    const held: LoggedChange[] = [];
    const deliver = (change: LoggedChange) => {
      if (change.sequence <= last) return;
      last = change.sequence;
      if (!wanted || change.ids.some((id) => wanted.has(id))) queue.push(change);
    };
    // Changes that come while the log is replayed wait, then go out after it, each once.
    const listener = (changes: readonly LoggedChange[]) => {
      for (const change of changes) {
        if (!replaying) deliver(change);
        else if (held.length < QUEUE_CAPACITY) held.push(change);
        else queue.fail(new SubscriberFellBehind(QUEUE_CAPACITY, last));
      }
    };
    const overflow = (kept: LoggedChange | undefined) => new SubscriberFellBehind(QUEUE_CAPACITY, kept?.sequence ?? request.since ?? 0);
    const queue: EventQueue<LoggedChange> = new EventQueue(() => {
      this.#listeners.delete(listener);
      this.#queues.delete(queue);
      const left = (this.#openByClient.get(client) ?? 1) - 1;
      if (left > 0) this.#openByClient.set(client, left);
      else this.#openByClient.delete(client);
      if (this.#listeners.size === 0) this.#stop();
    }, { capacity: QUEUE_CAPACITY, overflow });
    this.#listeners.add(listener);
    this.#queues.add(queue);

    void (async () => {
      try {
        await this.#follow();
        if (request.since === null) last = this.#position;
        else await this.#replay(request, queue, deliver);
        replaying = false;
        for (const change of held.splice(0)) deliver(change);
      } catch (error) {
        queue.fail(error);
      }
    })();
    return queue;
  }

  /** Ends every subscription (at shutdown, so that their responses end and the server can drain) and stops following. */
  close(): void {
    this.#closed = true;
    for (const queue of [...this.#queues]) queue.end();
    this.#stop();
  }

  async #replay(request: ChangeRequest, queue: EventQueue<LoggedChange>, deliver: (change: LoggedChange) => void): Promise<void> {
    let after = request.since ?? 0;
    const filter = { ...NO_FILTER, ids: request.ids };
    for (;;) {
      // The log may be long: read the next page only when the consumer has made room for it.
      await queue.room();
      if (queue.ended) return;
      const page = await readChanges(this.executor, filter, forwardsAfter(after));
      for (const change of page.changes) deliver(change);
      after = page.changes.at(-1)?.sequence ?? after;
      if (!page.hasMore || queue.ended) return;
    }
  }

  /** Starts following the log from where it ends now, unless it already is. */
  #follow(): Promise<void> {
    if (!this.#following) {
      const following = this.executor.read(lastSequence, {}).then(([row]) => {
        this.#position = row?.last ?? 0;
        this.#schedule();
      });
      // A failed start fails the subscriptions waiting for it; the next one tries again.
      following.catch(() => {
        if (this.#following === following) this.#following = undefined;
      });
      this.#following = following;
    }
    return this.#following;
  }

  #schedule(): void {
    if (this.#closed || this.#listeners.size === 0 || this.#timer) return;
    this.#timer = setTimeout(() => void this.#poll(), this.options.pollMs);
  }

  async #poll(): Promise<void> {
    const epoch = this.#epoch;
    try {
      for (;;) {
        const { changes, hasMore } = await readChanges(this.executor, NO_FILTER, forwardsAfter(this.#position));
        if (epoch !== this.#epoch) return;
        const newest = changes.at(-1);
        if (newest) this.#position = newest.sequence;
        if (changes.length > 0) for (const listener of [...this.#listeners]) listener(changes);
        if (!hasMore) break;
      }
    } catch (error) {
      if (epoch === this.#epoch) this.options.onError?.(error);
    }
    if (epoch !== this.#epoch) return;
    this.#timer = undefined;
    this.#schedule();
  }

  #stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#following = undefined;
    this.#epoch += 1;
  }
}

/** The next PAGE changes after sequence `after`. */
function forwardsAfter(after: number): ChangeWindow {
  return { after, before: null, first: PAGE, backward: false };
}
