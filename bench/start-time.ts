import { balancedOrder } from './drive.ts';
import type { ServerName } from './questions/types.ts';
import { startServer, type ServerSpec, type SpawnOptions } from './servers/spawn.ts';

/** How long one server took from spawning its process to listening, each time it was started. */
export interface StartTimes {
  readonly server: ServerName;
  readonly startMs: readonly number[];
}

/**
 * Starts each server `times` times, one process at a time, servers taking turns in a balanced
 * order, and stops it as soon as it listens: start-up is mostly loading and compiling modules and
 * building the schema, which a neighbour's start would slow down, so none overlaps another.
 */
export async function measureStarts(specs: readonly ServerSpec[], options: SpawnOptions, times: number): Promise<StartTimes[]> {
  const taken = new Map<ServerName, number[]>(specs.map((spec) => [spec.name, []]));
  for (let round = 0; round < times; round += 1) {
    for (const spec of balancedOrder(specs, round)) {
      const server = await startServer(spec.name, options, spec.app);
      taken.get(spec.name)?.push(server.startMs);
      await server.stop();
    }
  }
  return specs.map((spec) => ({ server: spec.name, startMs: taken.get(spec.name) ?? [] }));
}
