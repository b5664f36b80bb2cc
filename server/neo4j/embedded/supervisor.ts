// Runs the lifecycle (lifecycle.ts) on real JVMs: carries out each effect (spawn, kill, stop, timers, log
// lines) and turns what happens to a JVM (READY, its exit, a timeout) back into events. All decisions are
// the lifecycle's; this file only knows how to do them.
import * as path from 'node:path';
import { BoltPortInUseError } from '../../errors.ts';
import { describeDuration, seconds } from './format.ts';
import { lastLines } from './lines.ts';
import type { EmbeddedLog } from './log.ts';
import { isFinal, transition, type LifecycleEffect, type LifecycleEvent, type LifecycleState, type RestartPolicy } from './lifecycle.ts';
import { spawnJvm, TAIL_LINES, type Jvm, type JvmExit, type JvmSpec } from './jvm.ts';
import { LOOPBACK } from './port.ts';

export interface SupervisorOptions {
  readonly spec: JvmSpec;
  readonly policy: RestartPolicy;
  /** How long a JVM may take to say READY before it is killed. */
  readonly readyTimeoutMs: number;
  readonly log: EmbeddedLog;
  /** After every change of state, e.g. to keep a marker file true. */
  readonly onStateChange?: (state: LifecycleState, supervisor: Supervisor) => void;
  /** The JVM kept exiting and is not restarted again. */
  readonly onGiveUp?: (error: Error) => void;
}

export class Supervisor {
  readonly uri: string;
  #state: LifecycleState = { name: 'idle' };
  #jvm: Jvm | undefined;
  #lastExit: JvmExit | undefined;
  #spawnedAt = 0;
  #startTimer: NodeJS.Timeout | undefined;
  #restartTimer: NodeJS.Timeout | undefined;
  readonly #firstStart = settleOnce();
  readonly #final = settleOnce();
  readonly #options: SupervisorOptions;
  // Node exiting normally or through an uncaught error runs 'exit' handlers, which must be synchronous.
  readonly #terminateOnExit = (): void => this.#jvm?.terminate();

  constructor(options: SupervisorOptions) {
    this.#options = options;
    this.uri = `bolt://${LOOPBACK}:${options.spec.port}`;
  }

  get state(): LifecycleState {
    return this.#state;
  }

  /** The JVM running now, if one is. */
  get pid(): number | undefined {
    return this.#jvm?.pid;
  }

  /** Resolves once the first JVM is ready; rejects, with no JVM left behind, if it does not get there. */
  start(): Promise<void> {
    process.on('exit', this.#terminateOnExit);
    this.#dispatch({ type: 'start' });
    return this.#firstStart.promise;
  }

  /** Stops the JVM cleanly (or cancels a pending restart) and resolves once nothing runs. Safe to call more than once. */
  stop(): Promise<void> {
    this.#dispatch({ type: 'stop' });
    return this.#final.promise;
  }

  #dispatch(event: LifecycleEvent): void {
    const { state, effects } = transition(this.#state, event, this.#options.policy);
    const changed = state !== this.#state;
    this.#state = state;
    if (isFinal(state)) process.off('exit', this.#terminateOnExit);
    if (changed) this.#options.onStateChange?.(state, this);
    for (const effect of effects) this.#perform(effect);
    if (isFinal(state)) this.#final.resolve();
  }

  #perform(effect: LifecycleEffect): void {
    const { log, policy } = this.#options;
    switch (effect.type) {
      case 'spawn':
        this.#spawn();
        return;
      case 'kill':
        this.#jvm?.kill(`no READY line within ${seconds(this.#options.readyTimeoutMs)} s`);
        return;
      case 'stop-jvm':
        clearTimeout(this.#startTimer);
        this.#jvm?.stop();
        return;
      case 'announce-ready': {
        clearTimeout(this.#startTimer);
        this.#jvm?.unref();
        const again = effect.restart === 0 ? '' : ` again after restart ${effect.restart}`;
        log.info(`embedded Neo4j: ready${again} at ${this.uri} (JVM pid ${this.pid}) in ${seconds(Date.now() - this.#spawnedAt)} s`);
        this.#firstStart.resolve();
        return;
      }
      case 'fail-start':
        clearTimeout(this.#startTimer);
        this.#firstStart.reject(this.#startError());
        return;
      case 'schedule-restart': {
        clearTimeout(this.#startTimer);
        log.error(
          `embedded Neo4j: ${this.#whatExited(effect.after, effect.restart - 1)}; restarting it in ${seconds(effect.delayMs)} s ` +
            `(restart ${effect.restart} of at most ${policy.maxRestarts} within ${describeDuration(policy.windowMs)})`,
          this.#exitFields(),
        );
        // Unref'd: a pending restart alone does not keep a script alive that has nothing else to do.
        this.#restartTimer = setTimeout(() => this.#dispatch({ type: 'delay-over' }), effect.delayMs).unref();
        return;
      }
      case 'cancel-restart':
        clearTimeout(this.#restartTimer);
        return;
      case 'give-up': {
        clearTimeout(this.#startTimer);
        const why =
          policy.maxRestarts === 0
            ? 'restarts are off'
            : `${effect.exits} unexpected exits within ${describeDuration(policy.windowMs)}, after ${policy.maxRestarts} restarts`;
        const message = `embedded Neo4j: ${this.#whatExited(effect.after, effect.exits - 1)}; giving up: ${why}`;
        log.error(message, this.#exitFields());
        this.#options.onGiveUp?.(new Error(message));
        return;
      }
      case 'announce-stopped':
        // A stop asked for before the first READY: the caller of start() learns it did not get there.
        this.#firstStart.reject(new Error('embedded Neo4j: stopped before it was ready'));
        return;
    }
  }

  #spawn(): void {
    this.#spawnedAt = Date.now();
    this.#jvm = spawnJvm(this.#options.spec, this.#options.log, {
      onReady: () => this.#dispatch({ type: 'ready' }),
      onExit: (exit) => {
        this.#jvm = undefined;
        this.#lastExit = exit;
        this.#dispatch({ type: 'exited', at: Date.now() });
      },
    });
    this.#startTimer = setTimeout(() => this.#dispatch({ type: 'start-timed-out' }), this.#options.readyTimeoutMs);
  }

  /** Why the first start failed: a taken Bolt port as its own error, anything else with both log tails. */
  #startError(): Error {
    const exit = this.#lastExit;
    // Taken between the check before the start and the JVM's bind: one line, as for a port found taken before.
    if (exit?.boltPortInUse) return new BoltPortInUseError(this.#options.spec.port);
    const tails = this.#exitFields();
    return new Error(
      `embedded Neo4j failed to start: the launcher exited before it was ready (${exit?.description})` +
        `\n--- launcher stderr (last ${TAIL_LINES} lines) ---\n${tails.launcherStderr.length > 0 ? tails.launcherStderr.join('\n') : '(empty)'}` +
        `\n--- ${tails.debugLog} (last ${TAIL_LINES} lines) ---\n${tails.debugLogTail?.join('\n') ?? '(not present)'}`,
    );
  }

  /** The last JVM's end in words: a crash of a running JVM, or restart number `restart` failing. */
  #whatExited(after: 'running' | 'restarting', restart: number): string {
    const exit = this.#lastExit;
    return after === 'running'
      ? `JVM ${exit?.pid} exited unexpectedly (${exit?.description})`
      : `restart ${restart} failed (${exit?.description})`;
  }

  /** The last JVM's end and the last lines of both its logs, as log fields. */
  #exitFields() {
    const debugLog = path.join(this.#options.spec.dataDir, 'logs', 'debug.log');
    const exit = this.#lastExit;
    return {
      pid: exit?.pid,
      exitCode: exit?.code ?? null,
      signal: exit?.signal ?? null,
      launcherStderr: exit?.stderrTail ?? [],
      debugLog,
      debugLogTail: lastLines(debugLog, TAIL_LINES),
    };
  }
}

/** A promise with its resolve and reject, where only the first settling counts. */
function settleOnce(): { promise: Promise<void>; resolve: () => void; reject: (error: Error) => void } {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
