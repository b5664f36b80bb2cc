import { SLUG, type RelationFixture } from './fixture-schema.ts';
import { isRelationType } from './relations.ts';

type RelationIdentity = Pick<RelationFixture, 'from' | 'type' | 'to' | 'key'>;

/** The id a relation is stored under: stable across loads, so a changed fixture updates in place. */
export function relationId(relation: RelationIdentity): string {
  return [relation.from, relation.type.toLowerCase().replaceAll('_', '-'), relation.to, relation.key].filter(Boolean).join('--');
}

/** The parts `relationId` joined, or undefined for a string it cannot have made (slugs hold no "--"). */
export function parseRelationId(id: string): RelationIdentity | undefined {
  const [from = '', typeSlug = '', to = '', key, ...rest] = id.split('--');
  const type = typeSlug.toUpperCase().replaceAll('-', '_');
  const slugs = key === undefined ? [from, to] : [from, to, key];
  if (rest.length > 0 || !isRelationType(type) || !slugs.every((slug) => SLUG.test(slug))) return undefined;
  return key === undefined ? { from, type, to } : { from, type, to, key };
}
