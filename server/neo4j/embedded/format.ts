// How the embedded Neo4j's messages show a process's end and a duration, the same in every line.

export function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  return signal !== null ? `signal ${signal}` : `exit code ${String(code)}`;
}

export function seconds(ms: number): string {
  return (ms / 1000).toFixed(1);
}

/** A span for people: seconds below a minute, minutes above. */
export function describeDuration(ms: number): string {
  return ms < 60_000 ? `${seconds(ms)} s` : `${Number((ms / 60_000).toFixed(1))} min`;
}
