// A subscription's queue holds what its client has not read yet: bounded, so a client that reads slowly (or
// not at all) ends with an error saying where to resume, instead of holding the server's memory.
import { describe, expect, it } from 'vitest';
import { EventQueue } from '../../services/changes/event-queue.ts';

function queueOf(capacity: number) {
  let ended = 0;
  const queue = new EventQueue<number>(() => (ended += 1), { capacity, overflow: (last) => new Error(`behind after ${String(last)}`) });
  return { queue, ended: () => ended };
}

async function drain(queue: EventQueue<number>): Promise<{ read: number[]; error?: unknown }> {
  const read: number[] = [];
  try {
    for await (const item of queue) read.push(item);
    return { read };
  } catch (error) {
    return { read, error };
  }
}

describe('a subscription queue', () => {
  it('gives a reader everything it held, then ends with the overflow error naming the last item kept', async () => {
    const { queue, ended } = queueOf(3);
    for (const item of [1, 2, 3, 4, 5]) queue.push(item);
    expect(ended()).toBe(1);
    const { read, error } = await drain(queue);
    expect(read).toEqual([1, 2, 3]);
    expect(error).toEqual(new Error('behind after 3'));
  });

  it('hands an item straight to a waiting reader, so a reader that keeps up never fills it', async () => {
    const { queue } = queueOf(1);
    const reading = (async () => {
      const read: number[] = [];
      for (let n = 0; n < 5; n++) {
        const next = await queue.next();
        read.push(next.value as number);
      }
      return read;
    })();
    for (const item of [1, 2, 3, 4, 5]) {
      queue.push(item);
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await reading).toEqual([1, 2, 3, 4, 5]);
    expect(queue.ended).toBe(false);
  });

  it('makes a producer wait for room until the reader has read half of it', async () => {
    const { queue } = queueOf(4);
    for (const item of [1, 2, 3, 4]) queue.push(item);
    let roomy = false;
    const room = queue.room().then(() => (roomy = true));
    await queue.next();
    await new Promise((resolve) => setImmediate(resolve));
    expect(roomy).toBe(false);
    await queue.next();
    await room;
    expect(roomy).toBe(true);
  });

  it('lets a waiting producer go when the reader leaves', async () => {
    const { queue, ended } = queueOf(2);
    queue.push(1);
    queue.push(2);
    const room = queue.room();
    await queue.return();
    await room;
    expect(ended()).toBe(1);
  });
});
