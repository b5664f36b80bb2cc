// `tianshan-running.json` in the data folder: which process runs the Neo4j of that folder, where it
// answers, and whether it is up or being restarted. A store can be open in one JVM only, so
// `npm run load` next to a running `npm start` uses that one rather than starting its own.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { messageOf } from '../../../model/errors.ts';
import type { LifecycleState } from './lifecycle.ts';
import type { EmbeddedLog } from './log.ts';
import type { Supervisor } from './supervisor.ts';
import { isErrno, processAlive } from './system.ts';

const MARKER_FILE = 'tianshan-running.json';

const markerSchema = z.object({
  uri: z.string().min(1),
  /** The Node process that supervises the JVM: the marker holds while it lives, restarts included. */
  owner: z.number().int().positive(),
  /** The JVM answering now; null while it is being restarted. */
  jvm: z.number().int().positive().nullable(),
  state: z.enum(['running', 'restarting']),
});
export type RunningMarker = z.infer<typeof markerSchema>;

/** Replaces the marker whole (a rename), so a reader never sees half of one. */
export function writeMarker(dataDir: string, marker: RunningMarker): void {
  const file = path.join(dataDir, MARKER_FILE);
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, JSON.stringify(marker));
  fs.renameSync(temporary, file);
}

export function removeMarker(dataDir: string): void {
  fs.rmSync(path.join(dataDir, MARKER_FILE), { force: true });
}

/** The marker of a Neo4j some live process runs from `dataDir`, or undefined. */
export function readMarker(dataDir: string): RunningMarker | undefined {
  let text: string;
  try {
    text = fs.readFileSync(path.join(dataDir, MARKER_FILE), 'utf8');
  } catch (err) {
    if (isErrno(err, 'ENOENT')) return undefined;
    throw err;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    // A torn marker (older versions wrote it in place): nothing we can trust runs.
    if (err instanceof SyntaxError) return undefined;
    throw err;
  }
  const marker = markerSchema.safeParse(json);
  // One of an older version (no owner), or left by a process that was killed: start afresh.
  if (!marker.success || !processAlive(marker.data.owner)) return undefined;
  return marker.data;
}

/**
 * Keeps the marker in the data folder true, for `npm run load` and the like: the JVM that answers now, or
 * that one is being restarted (at the same address), and no marker once it is stopping or gone for good.
 * Only a marker this start wrote is removed: a start that fails on a store another process holds must not
 * hide that process's Neo4j.
 */
export function markerKeeper(dataDir: string, log: EmbeddedLog): (state: LifecycleState, supervisor: Supervisor) => void {
  let written = false;
  return (state, supervisor) => {
    const base = { uri: supervisor.uri, owner: process.pid };
    try {
      switch (state.name) {
        case 'running':
          writeMarker(dataDir, { ...base, jvm: supervisor.pid ?? null, state: 'running' });
          written = true;
          return;
        case 'restart-pending':
        case 'restarting':
          writeMarker(dataDir, { ...base, jvm: null, state: 'restarting' });
          written = true;
          return;
        case 'stopping':
        case 'stopped':
        case 'failed':
          if (written) removeMarker(dataDir);
          written = false;
          return;
        case 'idle':
        case 'starting':
          return;
      }
    } catch (error) {
      // The marker only lets other processes share this Neo4j; failing to write it must not stop this one.
      log.error(`embedded Neo4j: could not update the marker in ${dataDir}: ${messageOf(error)}`);
    }
  };
}
