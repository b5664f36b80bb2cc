import { describe, expect, it } from 'vitest';
import type { Row } from '../../bench/benchmark.ts';
import { balancedOrder } from '../../bench/drive.ts';
import type { Contender } from '../../bench/questions/types.ts';
import { bestPeer, median, throughputRatio } from '../../bench/targets.ts';

/** The benchmark's arithmetic, apart from any run: the order servers take turns in, and ratios over repetitions. */

function row(server: Contender, perRepetition: number[], bad = 0): Row {
  const requestsPerSecond = perRepetition.reduce((sum, rate) => sum + rate, 0) / perRepetition.length;
  return {
    question: 'heavy',
    server,
    requests: 0,
    sent: 0,
    served: 0,
    seconds: 1,
    requestsPerSecond,
    perRepetition,
    p50Ms: 1,
    p99Ms: 1,
    bad,
    roundTripsPerRequest: 1,
    serverCpuMsPerRequest: 1,
    neo4jCpuMsPerRequest: 1,
    singleConnection: { requests: 5, p50Ms: 1, p99Ms: 1 },
    rssMb: 1,
  };
}

describe('the order servers take turns in', () => {
  it('puts each server in each place equally often over twice as many rounds as servers', () => {
    const servers = ['a', 'b', 'c', 'd'];
    const places = new Map<string, number[]>(servers.map((server) => [server, [0, 0, 0, 0]]));
    for (let round = 0; round < 2 * servers.length; round += 1) {
      const order = balancedOrder(servers, round);
      expect([...order].sort()).toEqual(servers);
      order.forEach((server, place) => {
        const counts = places.get(server) ?? [];
        counts[place] = (counts[place] ?? 0) + 1;
      });
    }
    for (const counts of places.values()) expect(counts).toEqual([2, 2, 2, 2]);
  });
});

describe('ratios over repetitions', () => {
  it('pairs repetitions of the same round and gives their median and range', () => {
    const rows = [row('ours', [100, 90, 120, 80, 110]), row('ceiling', [50, 60, 40, 80, 55])];
    expect(throughputRatio(rows, 'heavy', 'ceiling')).toEqual({ median: 2, min: 1, max: 3, bad: false });
    expect(median([1, 3, 2, 4])).toBe(2.5);
  });

  it('marks a ratio whose either side gave a bad answer', () => {
    const rows = [row('ours', [100]), row('peer', [10], 1)];
    expect(throughputRatio(rows, 'heavy', 'peer').bad).toBe(true);
  });

  it("takes the peer's faster form of a question", () => {
    expect(bestPeer([row('peer', [5]), row('peer-tuned', [50])], 'heavy')).toBe('peer-tuned');
    expect(bestPeer([row('peer', [50]), row('peer-tuned', [5])], 'heavy')).toBe('peer');
    expect(bestPeer([row('peer', [5])], 'heavy')).toBe('peer');
  });
});
