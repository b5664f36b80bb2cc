import { FixtureError } from '../errors.ts';
import type { EntityKind } from '../model/kinds.ts';
import { relationAllowed, type RelationType } from '../model/relations.ts';
import type { EntityFixture, RelationFixture } from './fixture-schema.ts';
import type { ParsedDataset } from './read-dataset.ts';

/** The id a relation is stored under: stable across loads, so a changed fixture updates in place. */
export function relationId(relation: Pick<RelationFixture, 'from' | 'type' | 'to' | 'key'>): string {
  return [relation.from, relation.type.toLowerCase().replaceAll('_', '-'), relation.to, relation.key].filter(Boolean).join('--');
}

/**
 * Checks what a schema cannot: ids are unique and known, each relation joins kinds its type
 * allows, and every quote stands verbatim in its document. Throws one FixtureError listing all.
 * `knownKinds` are entities already in the database that relations may point to.
 */
export function validateDataset(parsed: ParsedDataset, knownKinds: ReadonlyMap<string, EntityKind> = new Map()): void {
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

  const checkQuotes = (where: string, sources: EntityFixture['sources']) => {
    for (const [index, { quote, source = primaryDocument }] of sources.entries()) {
      const text = source === undefined ? undefined : parsed.texts.get(source);
      if (text === undefined) problems.push(`${where}: field sources.${index}.source: unknown document "${source}"`);
      else if (!text.includes(quote)) problems.push(`${where}: field sources.${index}.quote: not found verbatim in document "${source}": "${quote}"`);
    }
  };

  for (const entity of parsed.entities) checkQuotes(`entities.yaml: entity "${entity.id}"`, entity.sources);

  const relationIds = new Set<string>();
  for (const [index, relation] of parsed.relations.entries()) {
    const where = `relations.yaml: relation ${relation.type} ${relation.from} -> ${relation.to} (#${index + 1})`;
    const id = relationId(relation);
    if (relationIds.has(id)) problems.push(`${where}: duplicate relation (give one a distinct \`key\`)`);
    relationIds.add(id);
    for (const field of ['from', 'to', 'effectFrom', 'effectTo'] as const) {
      const ref = relation[field];
      if (ref !== undefined && !kinds.has(ref)) problems.push(`${where}: field ${field}: unknown id "${ref}"`);
    }
    const fromKind = kinds.get(relation.from);
    const toKind = kinds.get(relation.to);
    if (fromKind && toKind && !relationAllowed(relation.type as RelationType, fromKind, toKind)) {
      problems.push(`${where}: field type: ${relation.type} may not join a ${fromKind} to a ${toKind}`);
    }
    checkQuotes(where, relation.sources);
  }

  if (problems.length > 0) throw new FixtureError(problems);
}
