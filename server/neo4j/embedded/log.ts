/**
 * Where the embedded Neo4j reports: progress at info, what a person must look at as warn and error,
 * with the details as fields. `npm start` passes its JSON logger (server/log.ts fits this shape);
 * scripts and tests get plain lines on stderr.
 */
export interface EmbeddedLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export const stderrLog: EmbeddedLog = {
  info: (message) => console.error(message),
  warn: (message) => console.error(message),
  error: (message, fields) => console.error(fields === undefined ? message : `${message}\n${plainFields(fields)}`),
};

/** Fields as text: a list of lines under its name, anything else as `name: value`. */
function plainFields(fields: Record<string, unknown>): string {
  return Object.entries(fields)
    .map(([name, value]) => (Array.isArray(value) ? `--- ${name} ---\n${value.join('\n')}` : `${name}: ${String(value)}`))
    .join('\n');
}
