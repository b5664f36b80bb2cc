import { FixtureError, type Problem } from '../../model/errors.ts';
import type { RelationAmendment, SourceRefFixture } from '../../model/fixture-schema.ts';
import type { EntityKind } from '../../model/kinds.ts';
import { relationId } from '../../model/relation-id.ts';
import { relationAllowed, type RelationType } from '../../model/relations.ts';
import type { LoadableDataset } from './read-dataset.ts';

/**
 * Checks what a schema cannot: ids are unique and known, each relation joins kinds its type
 * allows, and every quote stands verbatim in its document. Throws one FixtureError listing all.
 * `knownKinds` are entities already in the database that relations may point to.
 */
export function validateDataset(parsed: LoadableDataset, knownKinds: ReadonlyMap<string, EntityKind> = new Map()): void {
  const problems: string[] = [];
  const kinds = new Map<string, EntityKind>(knownKinds);
  const defined = new Set<string>();
  const primaryDocument = parsed.dataset.documents[0]?.id;

  for (const document of parsed.dataset.documents) {
    if (defined.has(document.id)) problems.push(`dataset.yaml: document "${document.id}": id: duplicate id`);
    defined.add(document.id);
    kinds.set(document.id, 'Source');
  }
  for (const entity of parsed.entities) {
    if (defined.has(entity.id)) problems.push(`entities.yaml: entity "${entity.id}": id: duplicate id (already defined in this dataset)`);
    defined.add(entity.id);
    kinds.set(entity.id, entity.kind);
  }

  const report = (where: string, found: readonly Problem[]) => {
    for (const problem of found) problems.push(`${where}: field ${problem.path.join('.')}: ${problem.message}`);
  };
  // A curated amendment may add no quote of its own (model/fixture-schema.ts); any other item has one at least.
  const checkQuotes = (where: string, sources: readonly SourceRefFixture[] = []) => report(where, quoteProblems(sources, parsed.texts, primaryDocument));

  for (const entity of parsed.entities) checkQuotes(`entities.yaml: entity "${entity.id}"`, entity.sources);

  const relationIds = new Set<string>();
  for (const [index, relation] of parsed.relations.entries()) {
    const where = `relations.yaml: relation ${relation.type} ${relation.from} -> ${relation.to} (#${index + 1})`;
    const id = relationId(relation);
    if (relationIds.has(id)) problems.push(`${where}: duplicate relation (give one a distinct \`key\`)`);
    relationIds.add(id);
    report(where, relationProblems(relation, kinds));
    checkQuotes(where, relation.sources);
  }

  if (problems.length > 0) throw new FixtureError(problems);
}

/** Each quote stands verbatim in the text of its document (`texts` by document id); `source` defaults to `defaultSource`. */
export function quoteProblems(sources: readonly SourceRefFixture[], texts: ReadonlyMap<string, string>, defaultSource?: string): Problem[] {
  const problems: Problem[] = [];
  for (const [index, { quote, source = defaultSource }] of sources.entries()) {
    const text = source === undefined ? undefined : texts.get(source);
    if (text === undefined) problems.push({ path: ['sources', index, 'source'], message: `unknown document "${source}"` });
    else if (!text.includes(quote)) problems.push({ path: ['sources', index, 'quote'], message: `not found verbatim in document "${source}": "${quote}"` });
  }
  return problems;
}

/** Every entity the relation names is known (`kinds` by id), and its type may join the kinds of its ends. */
export function relationProblems(relation: RelationAmendment, kinds: ReadonlyMap<string, EntityKind>): Problem[] {
  const problems: Problem[] = [];
  for (const field of ['from', 'to', 'effectFrom', 'effectTo'] as const) {
    const ref = relation[field];
    if (ref !== undefined && !kinds.has(ref)) problems.push({ path: [field], message: `unknown id "${ref}"` });
  }
  const fromKind = kinds.get(relation.from);
  const toKind = kinds.get(relation.to);
  if (fromKind && toKind && !relationAllowed(relation.type as RelationType, fromKind, toKind)) {
    problems.push({ path: ['type'], message: `${relation.type} may not join a ${fromKind} to a ${toKind}` });
  }
  return problems;
}
