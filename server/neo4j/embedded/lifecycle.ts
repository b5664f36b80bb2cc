// The life of the embedded Neo4j as an explicit state machine: named states, the events that move it, and
// what each move asks to be done (effects). It is pure: no processes, timers or clocks of its own, so
// every transition is tested as data (tests/unit/embedded-lifecycle.test.ts); supervisor.ts carries the
// effects out on real JVMs and turns what happens to them into events.
//
//            start             ready
//   idle ──────────▶ starting ──────▶ running ◀──────────────┐
//                       │ exited         │ exited            │ ready
//                       ▼                ▼                   │
//                    failed ◀──── (too many exits) ── restart-pending ──▶ restarting
//                       ▲          within the window  delay-over            │ exited: back to
//                       └───────────────────────────────────────────────────┘ restart-pending, or failed
//
//   stop: from starting, running and restarting to stopping (then stopped when the JVM has exited);
//   from restart-pending straight to stopped; idle, stopped and failed stay as they are.

export interface RestartPolicy {
  /** Restarts allowed within `windowMs`; the next unexpected exit gives up. 0: never restart. */
  readonly maxRestarts: number;
  readonly windowMs: number;
  /** Wait before the first restart in a window; it doubles with each further one, up to `maxDelayMs`. */
  readonly firstDelayMs: number;
  readonly maxDelayMs: number;
}

/**
 * Five restarts within ten minutes, 1 s, 2 s, 4 s, 8 s and 16 s after each exit: room for the kernel's OOM
 * killer now and then, while a JVM that cannot stay up is given up on within about two minutes, so that
 * an outer supervisor (systemd, Docker's restart policy) starts the whole service afresh.
 */
export const DEFAULT_RESTART_POLICY: RestartPolicy = { maxRestarts: 5, windowMs: 10 * 60_000, firstDelayMs: 1_000, maxDelayMs: 30_000 };

/** When the JVM exited unexpectedly, for the restart budget: only those within the policy's window count. */
type Exits = readonly number[];

export type LifecycleState =
  | { readonly name: 'idle' }
  /** The first JVM is starting; its failure is the caller's error, not a crash to recover from. */
  | { readonly name: 'starting' }
  | { readonly name: 'running'; readonly exits: Exits }
  /** A JVM exited unexpectedly; restart number `restart` begins after `delayMs`. */
  | { readonly name: 'restart-pending'; readonly restart: number; readonly delayMs: number; readonly exits: Exits }
  /** A replacement JVM is starting, on the same data folder and port. */
  | { readonly name: 'restarting'; readonly restart: number; readonly exits: Exits }
  | { readonly name: 'stopping' }
  | { readonly name: 'stopped' }
  /** For good: the first start failed (`gaveUp` false), or the JVM kept exiting (`gaveUp` true). */
  | { readonly name: 'failed'; readonly gaveUp: boolean };

export type LifecycleEvent =
  | { readonly type: 'start' }
  /** The JVM said READY. */
  | { readonly type: 'ready' }
  /** The JVM is gone, at `at` (ms since the epoch). */
  | { readonly type: 'exited'; readonly at: number }
  /** The JVM said nothing within the start timeout. */
  | { readonly type: 'start-timed-out' }
  /** A restart's delay is over. */
  | { readonly type: 'delay-over' }
  | { readonly type: 'stop' };

export type LifecycleEffect =
  | { readonly type: 'spawn' }
  /** Kill the JVM that does not get ready; its exit follows as an event. */
  | { readonly type: 'kill' }
  /** Ask the JVM to stop; its exit follows as an event. */
  | { readonly type: 'stop-jvm' }
  /** The JVM answers; `restart` 0 is the first start. */
  | { readonly type: 'announce-ready'; readonly restart: number }
  /** The first start failed: the caller gets the JVM's reason. */
  | { readonly type: 'fail-start' }
  /** The JVM exited unexpectedly (while `running`, or while `restarting`): report it, restart after `delayMs`. */
  | { readonly type: 'schedule-restart'; readonly after: 'running' | 'restarting'; readonly restart: number; readonly delayMs: number }
  | { readonly type: 'cancel-restart' }
  /** The JVM exited unexpectedly (`exits` times within the window), once more than the policy allows. */
  | { readonly type: 'give-up'; readonly after: 'running' | 'restarting'; readonly exits: number }
  | { readonly type: 'announce-stopped' };

export interface Transition {
  readonly state: LifecycleState;
  readonly effects: readonly LifecycleEffect[];
}

/** States in which nothing more happens: no JVM runs and none will. */
export function isFinal(state: LifecycleState): boolean {
  return state.name === 'stopped' || state.name === 'failed';
}

/**
 * The next state and its effects. An event that cannot happen in a state (a READY with no JVM starting,
 * an exit while none runs) is a bug in whoever reports it, and throws rather than being ignored.
 */
export function transition(state: LifecycleState, event: LifecycleEvent, policy: RestartPolicy): Transition {
  switch (state.name) {
    case 'idle':
      if (event.type === 'start') return to({ name: 'starting' }, { type: 'spawn' });
      if (event.type === 'stop') return to({ name: 'stopped' });
      break;
    case 'starting':
      if (event.type === 'ready') return to({ name: 'running', exits: [] }, { type: 'announce-ready', restart: 0 });
      if (event.type === 'exited') return to({ name: 'failed', gaveUp: false }, { type: 'fail-start' });
      if (event.type === 'start-timed-out') return to(state, { type: 'kill' });
      if (event.type === 'stop') return to({ name: 'stopping' }, { type: 'stop-jvm' });
      break;
    case 'running':
      if (event.type === 'exited') return afterUnexpectedExit('running', state.exits, event.at, policy);
      if (event.type === 'stop') return to({ name: 'stopping' }, { type: 'stop-jvm' });
      break;
    case 'restart-pending':
      if (event.type === 'delay-over') return to({ name: 'restarting', restart: state.restart, exits: state.exits }, { type: 'spawn' });
      if (event.type === 'stop') return to({ name: 'stopped' }, { type: 'cancel-restart' }, { type: 'announce-stopped' });
      break;
    case 'restarting':
      if (event.type === 'ready') return to({ name: 'running', exits: state.exits }, { type: 'announce-ready', restart: state.restart });
      if (event.type === 'exited') return afterUnexpectedExit('restarting', state.exits, event.at, policy);
      if (event.type === 'start-timed-out') return to(state, { type: 'kill' });
      if (event.type === 'stop') return to({ name: 'stopping' }, { type: 'stop-jvm' });
      break;
    case 'stopping':
      if (event.type === 'exited') return to({ name: 'stopped' }, { type: 'announce-stopped' });
      // A start that completes after the stop was asked for: the JVM stops anyway (its stdin is closed).
      if (event.type === 'ready') return to(state);
      // The stop's own escalation (SIGTERM, then SIGKILL) bounds the wait now, not the start timeout.
      if (event.type === 'start-timed-out') return to(state);
      if (event.type === 'stop') return to(state);
      break;
    case 'stopped':
    case 'failed':
      if (event.type === 'stop') return to(state);
      break;
  }
  throw new Error(`embedded Neo4j lifecycle: no transition for '${event.type}' in state '${state.name}'`);
}

/** Restart, after a delay that doubles with each exit in the window, or give up once the window holds too many. */
function afterUnexpectedExit(after: 'running' | 'restarting', exits: Exits, at: number, policy: RestartPolicy): Transition {
  const recent = [...exits.filter((exit) => at - exit < policy.windowMs), at];
  if (recent.length > policy.maxRestarts) return to({ name: 'failed', gaveUp: true }, { type: 'give-up', after, exits: recent.length });
  const restart = recent.length;
  const delayMs = Math.min(policy.firstDelayMs * 2 ** (restart - 1), policy.maxDelayMs);
  return to({ name: 'restart-pending', restart, delayMs, exits: recent }, { type: 'schedule-restart', after, restart, delayMs });
}

function to(state: LifecycleState, ...effects: LifecycleEffect[]): Transition {
  return { state, effects };
}
