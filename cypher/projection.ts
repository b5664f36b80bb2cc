/**
 * What queries return for an entity or a relation, in two widths chosen by their `$slim` parameter: every
 * stored property, or only what identifies it (id, kind and name; a relation's id and type, and its ends'
 * identities only when `$ends` says they are read) when the GraphQL selection reads nothing else
 * (schema/projection.ts decides). One statement text either way, so Neo4j plans it once; CASE evaluates only
 * the branch taken. A slim row is typed as a full one: only fields that read its identity are resolved on it.
 */
export type Slim = { slim: boolean };

/** For queries whose relations come with their ends: whether a slim relation carries them (only if they are read). */
export type SlimEnds = Slim & { ends: boolean };

const identity = (e: string) => `{id: ${e}.id, kind: ${e}.kind, name: ${e}.name}`;
/** A document's full text stays in Neo4j: only `Source.text` (cypher/source-texts.ts) and curation's quote check read it. */
export const everything = (e: string) => `${e} {.*, text: null}`;

/** The entity bound to the variable `e`. */
export function entityMap(e: string): string {
  return `CASE WHEN $slim THEN ${identity(e)} ELSE ${everything(e)} END`;
}

/**
 * A projection of an expression rather than a variable: a one-element comprehension binds it to a name, which
 * a map projection needs. Null stays null.
 */
export function boundTo(expression: string, project: (variable: string) => string, variable = 'bound'): string {
  // A variable needs no binding (a null one projects to null all the same).
  if (/^[A-Za-z_]\w*$/.test(expression)) return `CASE WHEN ${expression} IS NULL THEN null ELSE ${project(expression)} END`;
  return `[${variable} IN [${expression}] WHERE ${variable} IS NOT NULL | ${project(variable)}][0]`;
}

/**
 * The relation bound to the variable `r`, with its type and, with `ends`, both ends: always when rows are full,
 * and when slim only if the query's `$ends` says they are read.
 */
export function relationMap(r: string, { ends }: { ends: boolean }): string {
  const slimOnly = `{id: ${r}.id, type: type(${r})}`;
  if (!ends) return `CASE WHEN $slim THEN ${slimOnly} ELSE ${r} {.*, type: type(${r})} END`;
  const slimEnds = `{id: ${r}.id, type: type(${r}), from: ${identity(`startNode(${r})`)}, to: ${identity(`endNode(${r})`)}}`;
  const full = `${r} {.*, type: type(${r}), from: ${boundTo(`startNode(${r})`, everything, 'end')}, to: ${boundTo(`endNode(${r})`, everything, 'end')}}`;
  return `CASE WHEN NOT $slim THEN ${full} WHEN $ends THEN ${slimEnds} ELSE ${slimOnly} END`;
}
