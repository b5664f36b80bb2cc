import { readFile } from 'node:fs/promises';

/**
 * CPU time another process has used so far (user + system, in microseconds), from Linux's
 * /proc/<pid>/stat: how the benchmark sees what Neo4j spends per request. Undefined where there
 * is no /proc or no such process, and the report then says n/a.
 */
const CLOCK_TICKS_PER_SECOND = 100;

export async function processCpuMicros(pid: number | undefined): Promise<number | undefined> {
  if (pid === undefined) return undefined;
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces; fields after it are plain.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const userTicks = Number(fields[11]);
    const systemTicks = Number(fields[12]);
    if (!Number.isFinite(userTicks) || !Number.isFinite(systemTicks)) return undefined;
    return ((userTicks + systemTicks) * 1_000_000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}
