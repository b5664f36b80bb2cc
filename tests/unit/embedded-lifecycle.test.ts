// The embedded Neo4j's lifecycle as data: every state, what moves it, and what each move asks for.
// supervisor.ts only carries these effects out, so this is where restarts, backoff and giving up are decided.
import { describe, expect, it } from 'vitest';
import {
  isFinal,
  transition,
  type LifecycleEffect,
  type LifecycleEvent,
  type LifecycleState,
  type RestartPolicy,
} from '../../server/neo4j/embedded/lifecycle.ts';

const POLICY: RestartPolicy = { maxRestarts: 3, windowMs: 60_000, firstDelayMs: 1_000, maxDelayMs: 3_000 };

/** Applies `events` in order from `from`; returns the last state and every effect asked for on the way. */
function run(events: LifecycleEvent[], policy = POLICY, from: LifecycleState = { name: 'idle' }) {
  let state = from;
  const effects: LifecycleEffect[] = [];
  for (const event of events) {
    const next = transition(state, event, policy);
    state = next.state;
    effects.push(...next.effects);
  }
  return { state, effects };
}

const start: LifecycleEvent = { type: 'start' };
const ready: LifecycleEvent = { type: 'ready' };
const stop: LifecycleEvent = { type: 'stop' };
const delayOver: LifecycleEvent = { type: 'delay-over' };
const timedOut: LifecycleEvent = { type: 'start-timed-out' };
const exitedAt = (at: number): LifecycleEvent => ({ type: 'exited', at });
/** A running JVM: started and ready. */
const up = [start, ready];

describe('the first start', () => {
  it('spawns a JVM and is running once it says READY', () => {
    expect(run([start])).toEqual({ state: { name: 'starting' }, effects: [{ type: 'spawn' }] });
    expect(run(up)).toEqual({
      state: { name: 'running', exits: [] },
      effects: [{ type: 'spawn' }, { type: 'announce-ready', restart: 0 }],
    });
  });

  it('fails for good, without a restart, when the JVM exits before READY: that is a broken setup, not a crash', () => {
    const { state, effects } = run([start, exitedAt(5)]);
    expect(state).toEqual({ name: 'failed', gaveUp: false });
    expect(effects).toEqual([{ type: 'spawn' }, { type: 'fail-start' }]);
    expect(isFinal(state)).toBe(true);
  });

  it('kills a JVM that does not say READY in time, and then fails when it is gone', () => {
    const { state, effects } = run([start, timedOut, exitedAt(5)]);
    expect(effects).toEqual([{ type: 'spawn' }, { type: 'kill' }, { type: 'fail-start' }]);
    expect(state).toEqual({ name: 'failed', gaveUp: false });
  });
});

describe('an unexpected exit', () => {
  it('is reported and followed by a restart after the first delay, on a new JVM', () => {
    const crashed = run([...up, exitedAt(1_000)]);
    expect(crashed.state).toEqual({ name: 'restart-pending', restart: 1, delayMs: 1_000, exits: [1_000] });
    expect(crashed.effects.at(-1)).toEqual({ type: 'schedule-restart', after: 'running', restart: 1, delayMs: 1_000 });

    const back = run([delayOver, ready], POLICY, crashed.state);
    expect(back.effects).toEqual([{ type: 'spawn' }, { type: 'announce-ready', restart: 1 }]);
    // The exit stays counted while it is within the window.
    expect(back.state).toEqual({ name: 'running', exits: [1_000] });
  });

  it('waits twice as long after each further exit within the window, up to the longest delay', () => {
    const { effects } = run([...up, exitedAt(0), delayOver, exitedAt(100), delayOver, exitedAt(200), delayOver, exitedAt(300)], {
      ...POLICY,
      maxRestarts: 10,
    });
    const delays = effects.flatMap((effect) => (effect.type === 'schedule-restart' ? [effect.delayMs] : []));
    expect(delays).toEqual([1_000, 2_000, 3_000, 3_000]);
  });

  it('counts a restart that fails before READY like a crash, and says it was the restart that failed', () => {
    const { state, effects } = run([...up, exitedAt(0), delayOver, exitedAt(50)]);
    expect(state).toEqual({ name: 'restart-pending', restart: 2, delayMs: 2_000, exits: [0, 50] });
    expect(effects.at(-1)).toEqual({ type: 'schedule-restart', after: 'restarting', restart: 2, delayMs: 2_000 });
  });

  it('gives up, for good, once the window holds one exit more than the restarts allowed', () => {
    // Three restarts allowed: the fourth exit within a minute is one too many.
    const { state, effects } = run([...up, exitedAt(0), delayOver, ready, exitedAt(10_000), delayOver, exitedAt(20_000), delayOver, ready, exitedAt(30_000)]);
    expect(state).toEqual({ name: 'failed', gaveUp: true });
    expect(effects.at(-1)).toEqual({ type: 'give-up', after: 'running', exits: 4 });
    expect(effects.filter((effect) => effect.type === 'spawn')).toHaveLength(4);
  });

  it('gives up when the last restart allowed fails before READY, and says it was a restart', () => {
    const { state, effects } = run([...up, exitedAt(0), delayOver, exitedAt(5_000)], { ...POLICY, maxRestarts: 1 });
    expect(state).toEqual({ name: 'failed', gaveUp: true });
    expect(effects.at(-1)).toEqual({ type: 'give-up', after: 'restarting', exits: 2 });
  });

  it('forgets exits older than the window, so a crash now and then is always restarted', () => {
    const events: LifecycleEvent[] = [...up];
    for (let hour = 0; hour < 10; hour++) events.push(exitedAt(hour * 3_600_000), delayOver, ready);
    const { state, effects } = run(events);
    expect(state).toEqual({ name: 'running', exits: [9 * 3_600_000] });
    // Each is the first of its window: the first delay every time.
    expect(effects.filter((effect) => effect.type === 'schedule-restart')).toHaveLength(10);
    expect(effects.every((effect) => effect.type !== 'schedule-restart' || effect.delayMs === 1_000)).toBe(true);
  });

  it('gives up at the first exit when restarts are off', () => {
    const { state, effects } = run([...up, exitedAt(0)], { ...POLICY, maxRestarts: 0 });
    expect(state).toEqual({ name: 'failed', gaveUp: true });
    expect(effects.at(-1)).toEqual({ type: 'give-up', after: 'running', exits: 1 });
  });

  it('kills a restart that does not say READY in time, and counts its exit', () => {
    const { state, effects } = run([...up, exitedAt(0), delayOver, timedOut, exitedAt(120_000)], { ...POLICY, windowMs: 600_000 });
    expect(effects.slice(-2)).toEqual([{ type: 'kill' }, { type: 'schedule-restart', after: 'restarting', restart: 2, delayMs: 2_000 }]);
    expect(state.name).toBe('restart-pending');
  });
});

describe('stop', () => {
  it('asks a starting, running or restarting JVM to stop, and is stopped once it has exited', () => {
    for (const before of [[start], up, [...up, exitedAt(0), delayOver]]) {
      const stopping = run([...before, stop]);
      expect(stopping.state).toEqual({ name: 'stopping' });
      expect(stopping.effects.at(-1)).toEqual({ type: 'stop-jvm' });
      const stopped = run([exitedAt(1)], POLICY, stopping.state);
      expect(stopped).toEqual({ state: { name: 'stopped' }, effects: [{ type: 'announce-stopped' }] });
    }
  });

  it('cancels a pending restart: no JVM runs, so it is stopped at once', () => {
    const { state, effects } = run([...up, exitedAt(0), stop]);
    expect(state).toEqual({ name: 'stopped' });
    expect(effects.slice(-2)).toEqual([{ type: 'cancel-restart' }, { type: 'announce-stopped' }]);
  });

  it('is an exit like any other while stopping, not a crash: nothing restarts', () => {
    const { effects } = run([...up, stop, ready, timedOut, stop, exitedAt(0)]);
    expect(effects.filter((effect) => effect.type === 'schedule-restart' || effect.type === 'spawn')).toEqual([{ type: 'spawn' }]);
  });

  it('changes nothing once stopped or failed, and stops an idle lifecycle without a JVM', () => {
    for (const final of [{ name: 'stopped' }, { name: 'failed', gaveUp: true }] as const) {
      expect(run([stop, stop], POLICY, final)).toEqual({ state: final, effects: [] });
    }
    expect(run([stop])).toEqual({ state: { name: 'stopped' }, effects: [] });
  });
});

describe('events that cannot happen', () => {
  it('throw, naming the event and the state, rather than being ignored', () => {
    const cases: [LifecycleEvent[], LifecycleEvent, string][] = [
      [up, ready, "no transition for 'ready' in state 'running'"],
      [up, start, "no transition for 'start' in state 'running'"],
      [up, delayOver, "no transition for 'delay-over' in state 'running'"],
      [[...up, exitedAt(0)], exitedAt(1), "no transition for 'exited' in state 'restart-pending'"],
      [[...up, stop, exitedAt(0)], ready, "no transition for 'ready' in state 'stopped'"],
      [[], exitedAt(0), "no transition for 'exited' in state 'idle'"],
    ];
    for (const [before, event, message] of cases) {
      const { state } = run(before);
      expect(() => transition(state, event, POLICY)).toThrow(message);
    }
  });
});
