// Two server processes on one Neo4j, as behind a load balancer: an edit made through one reaches a subscriber of
// the other, because each follows the change log in Neo4j (no broker between them). Real processes (`npm start`),
// real ports, the real graphql-sse client.
import { randomBytes } from 'node:crypto';
import { createClient } from 'graphql-sse';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadSeed, testDriver } from '../support/database.ts';
import { startServer } from '../support/server-process.ts';

const EDITOR = randomBytes(32).toString('hex');
const UPDATE_ENTITY = 'mutation ($input: UpdateEntityInput!) { updateEntity(input: $input) { entity { id } } }';
const SUBSCRIBE = 'subscription { changes(ids: ["torugart-pass"]) { sequence kind editor ids after } }';
const EDITS = 5;

function env(): Record<string, string> {
  const target = inject('neo4j');
  return {
    NEO4J_URI: target.uri,
    NEO4J_DATABASE: target.database,
    ...(target.user ? { NEO4J_USER: target.user } : {}),
    ...(target.password ? { NEO4J_PASSWORD: target.password } : {}),
    PORT: '0',
    LOAD_SEED: 'false',
    LOG_LEVEL: 'warn',
    CURATION_TOKENS: `editor:alice:${EDITOR}`,
  };
}

let driver: Driver;
beforeAll(async () => {
  driver = testDriver();
  await loadSeed(driver);
});
afterAll(() => driver.close());

describe('several server processes on one Neo4j', () => {
  it('deliver an edit made through one to a subscriber of the other within 2 seconds, and still stop cleanly', { timeout: 180_000 }, async () => {
    const [a, b] = [startServer(env()), startServer(env())];
    try {
      const [urlA, urlB] = await Promise.all([a.listening(90_000), b.listening(90_000)]);
      let connected!: () => void;
      const live = new Promise<void>((resolve) => (connected = resolve));
      const client = createClient({ url: urlB.href, retryAttempts: 0, on: { connected: () => connected() } });
      const events = client.iterate<{ changes: { sequence: string; kind: string; editor: string; ids: string[]; after: string } }>({ query: SUBSCRIBE });
      let next = events.next();
      await live;
      // The stream is open; give B's feed a moment to learn where the log ends, so what follows is live, not replayed.
      await new Promise((resolve) => setTimeout(resolve, 500));

      const latencies: number[] = [];
      for (let edit = 0; edit < EDITS; edit++) {
        const description = `Edited through A, number ${edit}.`;
        const sent = performance.now();
        const response = await fetch(urlA, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${EDITOR}` },
          body: JSON.stringify({ query: UPDATE_ENTITY, variables: { input: { id: 'torugart-pass', description } } }),
        });
        expect(((await response.json()) as { errors?: unknown }).errors).toBeUndefined();
        const { value } = await next;
        latencies.push(performance.now() - sent);
        expect(value?.data?.changes).toMatchObject({ kind: 'UPDATE_ENTITY', editor: 'alice', ids: ['torugart-pass'] });
        expect(JSON.parse(value?.data?.changes.after ?? '{}')).toMatchObject({ description });
        next = events.next();
      }
      // From the mutation's request to the event at B: the write, B's poll (every 250 ms) and the stream.
      console.log(`change latency between instances, ms: ${latencies.map((ms) => Math.round(ms)).join(', ')}`);
      expect(Math.max(...latencies)).toBeLessThan(2_000);

      // Shutdown ends the open subscription rather than waiting out the grace period for it.
      const stopping = performance.now();
      b.child.kill('SIGTERM');
      expect(await b.exited).toBe(0);
      expect(performance.now() - stopping).toBeLessThan(8_000);
      client.dispose();
    } finally {
      a.child.kill('SIGTERM');
      b.child.kill('SIGTERM');
      await Promise.all([a.exited, b.exited]);
    }
  });
});
