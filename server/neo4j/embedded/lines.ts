// Text lines from the launcher's and Maven's output streams, and from the end of Neo4j's own log file:
// what a failure message or a crash report shows a person.
import * as fs from 'node:fs';
import { isErrno } from './system.ts';

/** Calls `onLine` for each complete line of a text stream (and for a last unterminated one at its end). */
export function onLines(stream: NodeJS.ReadableStream, onLine: (line: string) => void): void {
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) onLine(line.replace(/\r$/, ''));
  });
  stream.on('end', () => {
    if (pending.length > 0) onLine(pending.replace(/\r$/, ''));
    pending = '';
  });
}

/** The last `max` lines pushed, oldest first: enough to explain a failure without keeping a whole log. */
export class LineTail {
  readonly #lines: string[] = [];
  constructor(readonly max: number) {}

  push(line: string): void {
    this.#lines.push(line);
    if (this.#lines.length > this.max) this.#lines.shift();
  }

  lines(): readonly string[] {
    return [...this.#lines];
  }
}

/** Last `count` lines of a file, reading at most its last 64 KiB; undefined if it does not exist. */
export function lastLines(file: string, count: number): string[] | undefined {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (err) {
    if (isErrno(err, 'ENOENT')) return undefined;
    throw err;
  }
  try {
    const size = fs.fstatSync(fd).size;
    const length = Math.min(size, 64 * 1024);
    const buffer = Buffer.alloc(length);
    fs.readSync(fd, buffer, 0, length, size - length);
    const lines = buffer.toString('utf8').split('\n');
    if (lines.at(-1) === '') lines.pop();
    return lines.slice(-count);
  } finally {
    fs.closeSync(fd);
  }
}
