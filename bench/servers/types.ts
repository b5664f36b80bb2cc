import type { RequestListener } from 'node:http';
import type { Driver } from 'neo4j-driver';
import type { StatementPlan } from '../profile-statement.ts';
import type { ServerName } from '../questions/types.ts';
import type { AppTree } from '../variants.ts';
import type { DriverCounters } from './counting-driver.ts';

/** Where a server finds Neo4j: what `acquireNeo4j` (or the test run's global setup) gives. */
export interface BenchTarget {
  readonly uri: string;
  readonly user: string | undefined;
  readonly password: string | undefined;
  readonly database: string;
}

/** One of the three servers, ready to be served by node:http. */
export interface BenchServer {
  readonly listener: RequestListener;
  /** Statements sent to Neo4j since the server started. */
  roundTrips(): number;
}

export interface ServerSettings {
  /** The process's driver, counting what goes through it (counting-driver.ts). */
  readonly driver: Driver;
  readonly counters: Readonly<DriverCounters>;
  readonly database: string;
  /** Each server's transactions are stopped by Neo4j after this long. */
  readonly timeoutMs: number;
  /** Where ours' app comes from: this checkout, or a variant's tree. */
  readonly app: AppTree;
}

export type ServerFactory = (settings: ServerSettings) => Promise<BenchServer>;

/**
 * What the parent sends a server's child process over IPC: `record` starts keeping the statements
 * sent, `profile` stops and answers with each PROFILEd. Each question carries an id its answer
 * repeats, so that questions asked side by side (the peer's memory, once per form) get their own answers.
 */
export type ToServer = { readonly id: number } & ({ readonly type: 'stats' } | { readonly type: 'record' } | { readonly type: 'profile' } | { readonly type: 'stop' });

export interface ServerStats {
  /** HTTP requests over (answered, or given up by the client) since start. */
  readonly requests: number;
  /** Requests still being worked on: open HTTP exchanges plus open Neo4j sessions. */
  readonly inFlight: number;
  readonly roundTrips: number;
  /** Resident set size of the server's process, in bytes. */
  readonly rssBytes: number;
  /** V8's heap in use, in bytes: what a leak of JavaScript objects grows, apart from the heap's own growth. */
  readonly heapUsedBytes: number;
  /** CPU time the server's process has used (user + system), in microseconds. */
  readonly cpuMicros: number;
}

/** What a server's child process sends: that it is ready or failed to start (no id), or an answer (the question's id). */
export type FromServer =
  | { readonly type: 'ready'; readonly port: number }
  | { readonly type: 'failed'; readonly message: string; readonly id?: number }
  | ({ readonly id: number } & (
      | { readonly type: 'stats'; readonly stats: ServerStats }
      | { readonly type: 'recording' }
      | { readonly type: 'plans'; readonly plans: readonly StatementPlan[] }
    ));

/** The environment variable that carries a child's ChildArguments as JSON. */
export const CHILD_ARGUMENTS_VARIABLE = 'TIANSHAN_BENCH_CHILD';

/** How the parent starts a child: which server, from which tree, against which Neo4j. */
export interface ChildArguments {
  readonly server: ServerName;
  readonly app: AppTree;
  readonly target: BenchTarget;
  readonly poolSize: number;
  readonly timeoutMs: number;
}
