// A bounded load test on loopback: the real app on a real port, CLIENTS concurrent clients for a
// fixed time over a mix of the API's queries. No request may fail, and memory must stay flat
// (nothing kept per request). The figures are printed for the record.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { listen } from '../../server/listen.ts';
import { createDriver } from '../../server/neo4j/driver.ts';
import { createApp } from '../../server/yoga.ts';
import { loadSeed } from '../support/database.ts';

const CLIENTS = 20;
const WARM_UP_MS = 3_000;
const RUN_MS = 10_000;
const MAX_HEAP_GROWTH_MB = 50;

const MIX = [
  'query IliTreaties { treaties(affecting: "Ili basin") { totalCount edges { node { id name } } } }',
  'query SearchPass { search(query: "pass") { totalCount edges { node { id name } } } }',
  'query KyrgyzstanSigned { entity(id: "kyrgyzstan") { id ... on State { signed { nodes { name } } } } }',
].map((query) => JSON.stringify({ query }));

let driver: Driver;
let server: Server;
let endpoint: string;

beforeAll(async () => {
  const target = inject('neo4j');
  const config = loadConfig({});
  // The pool and timeouts `npm start` has by default, so the figures mean something for it.
  driver = createDriver({ ...target, way: 'uri', stop: async () => {} }, { poolSize: config.NEO4J_POOL_SIZE });
  await loadSeed(driver);
  const app = createApp({ driver, database: target.database, timeoutMs: config.NEO4J_TX_TIMEOUT_MS });
  server = await listen(app, '127.0.0.1', 0);
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await driver?.close();
});

interface Tally {
  latencies: number[];
  failures: string[];
}

/** One client: requests back to back, cycling through the mix, until `until`. */
async function client(offset: number, until: number, tally: Tally): Promise<void> {
  for (let i = offset; performance.now() < until; i++) {
    const body = MIX[i % MIX.length];
    const started = performance.now();
    try {
      const response = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      const result = (await response.json()) as { errors?: unknown[]; data?: unknown };
      if (response.status !== 200 || result.errors || !result.data) tally.failures.push(`${response.status} ${JSON.stringify(result).slice(0, 200)}`);
    } catch (error) {
      tally.failures.push(String(error));
    }
    tally.latencies.push(performance.now() - started);
  }
}

async function load(ms: number): Promise<Tally> {
  const tally: Tally = { latencies: [], failures: [] };
  const until = performance.now() + ms;
  await Promise.all(Array.from({ length: CLIENTS }, (_, n) => client(n, until, tally)));
  return tally;
}

/** Heap in use: after a full GC when the process allows one (node --expose-gc), else the median of samples over `ms`. */
async function heapUsedMb(ms: number): Promise<{ mb: number; how: string }> {
  const { gc } = globalThis;
  if (gc) {
    gc();
    return { mb: process.memoryUsage().heapUsed / 2 ** 20, how: 'after GC' };
  }
  const samples: number[] = [];
  for (const end = performance.now() + ms; performance.now() < end; ) {
    samples.push(process.memoryUsage().heapUsed / 2 ** 20);
    await sleep(50);
  }
  return { mb: percentile(samples, 50), how: 'median of samples' };
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

describe('under load', () => {
  it(`serves ${CLIENTS} concurrent clients for ${RUN_MS / 1000} s without an error, and memory stays flat`, { timeout: 120_000 }, async () => {
    const warmUp = await load(WARM_UP_MS);
    expect(warmUp.failures).toEqual([]);

    // Sampled while the load runs when there is no GC to ask for: the same conditions as at the end.
    const sampleWhileLoaded = async (): Promise<{ mb: number; how: string }> => {
      const [heap] = await Promise.all([heapUsedMb(1_000), load(1_000)]);
      return heap;
    };
    const before = globalThis.gc ? await heapUsedMb(0) : await sampleWhileLoaded();
    const run = await load(RUN_MS);
    const after = globalThis.gc ? await heapUsedMb(0) : await sampleWhileLoaded();

    expect(run.failures).toEqual([]);
    expect(run.latencies.length).toBeGreaterThan(CLIENTS);
    expect(after.mb - before.mb).toBeLessThan(MAX_HEAP_GROWTH_MB);

    const seconds = RUN_MS / 1000;
    console.info(
      `load: ${run.latencies.length} requests in ${seconds} s by ${CLIENTS} clients = ${(run.latencies.length / seconds).toFixed(0)} req/s, ` +
        `p50 ${percentile(run.latencies, 50).toFixed(1)} ms, p99 ${percentile(run.latencies, 99).toFixed(1)} ms, errors ${run.failures.length}; ` +
        `heap ${before.mb.toFixed(1)} MB -> ${after.mb.toFixed(1)} MB (${after.how})`,
    );
  });
});
