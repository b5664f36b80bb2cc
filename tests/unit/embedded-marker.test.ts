// The marker by which `npm run load` finds the embedded Neo4j a running `npm start` supervises.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readMarker, removeMarker, writeMarker, type RunningMarker } from '../../server/neo4j/embedded/marker.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});
function dataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tianshan-marker-'));
  dirs.push(dir);
  return dir;
}
const file = (dir: string) => path.join(dir, 'tianshan-running.json');

const RUNNING: RunningMarker = { uri: 'bolt://127.0.0.1:7687', owner: process.pid, jvm: 4242, state: 'running' };

describe('the running marker', () => {
  it('reads back what was written while its owner lives, and nothing once removed', () => {
    const dir = dataDir();
    expect(readMarker(dir)).toBeUndefined();
    writeMarker(dir, RUNNING);
    expect(readMarker(dir)).toEqual(RUNNING);
    writeMarker(dir, { ...RUNNING, jvm: null, state: 'restarting' });
    expect(readMarker(dir)).toEqual({ ...RUNNING, jvm: null, state: 'restarting' });
    // Written whole through a rename: no temporary file is left next to it.
    expect(fs.readdirSync(dir)).toEqual(['tianshan-running.json']);
    removeMarker(dir);
    expect(readMarker(dir)).toBeUndefined();
  });

  it('counts for nothing when its owner is gone (a server that was killed)', () => {
    const dir = dataDir();
    const exited = spawnSync(process.execPath, ['-e', '0']).pid;
    writeMarker(dir, { ...RUNNING, owner: exited });
    expect(readMarker(dir)).toBeUndefined();
  });

  it('counts for nothing when torn or from an older version, which named only the JVM', () => {
    const dir = dataDir();
    fs.writeFileSync(file(dir), '{"uri":"bolt://127.0.0.1:7687","pi');
    expect(readMarker(dir)).toBeUndefined();
    fs.writeFileSync(file(dir), JSON.stringify({ uri: 'bolt://127.0.0.1:7687', pid: process.pid }));
    expect(readMarker(dir)).toBeUndefined();
  });
});
