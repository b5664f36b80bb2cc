// What the operating system answers, asked the same way everywhere in the embedded Neo4j's code.

/** Whether `err` is a system error with this `code` (ENOENT, EADDRINUSE, …), as thrown by node:fs and node:net. */
export function isErrno(err: unknown, code: string): boolean {
  return err instanceof Error && 'code' in err && err.code === code;
}

/** Whether a process with this pid exists (signal 0 only asks); one of another user's counts too. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    if (isErrno(err, 'EPERM')) return true;
    if (isErrno(err, 'ESRCH')) return false;
    throw err;
  }
}
