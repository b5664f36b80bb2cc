/**
 * A named Cypher query with the types of its parameters and rows. The text is fixed at module
 * load: parameters go in `$params`, and labels or relationship types only ever come from the
 * model's allow-lists, never from a request.
 */
export interface CypherQuery<Params extends Record<string, unknown>, Row> {
  readonly name: string;
  readonly text: string;
  /** Never set: carries the parameter and row types for the executor. */
  readonly types?: { params: Params; row: Row };
}

export function cypher<Params extends Record<string, unknown>, Row>(name: string, text: string): CypherQuery<Params, Row> {
  return { name, text: text.trim() };
}
