/*
 * Every root field is nullable, so that one field that fails nulls only itself: the other fields of the same
 * request keep their answers (partial results; see the README, "For front-end clients"). A result union per field
 * would say the same in the schema, but would break every document clients have written and make each of them
 * spell out `... on TreatyConnection`; our errors already carry a code and the field's path. Each root field's
 * description ends with what its null means, written by these.
 */

const DATABASE = 'the database does not answer in time (QUERY_TIMEOUT) or at all (SERVICE_UNAVAILABLE)';
const WHY = "an error at this field's path says why in its `extensions.code`; the request's other fields keep their answers.";

/** The end of a query field's description: null when it refuses its arguments (`refused`, if it can) or the database fails. */
export function nullWhen(refused?: string): string {
  return ` Null when ${refused ? `${refused}, or when ` : ''}${DATABASE}: ${WHY}`;
}

/** The end of a mutation's description: null when it was refused or failed, and then nothing of it was written. */
export function nullWhenNotWritten(refused: string): string {
  return ` Null when ${refused}, the caller may not write (UNAUTHENTICATED, FORBIDDEN) or ${DATABASE}; then nothing of it was written, and ${WHY}`;
}
