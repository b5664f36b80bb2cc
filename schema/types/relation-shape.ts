import type { RelatedRow } from '../../cypher/relations.ts';
import type { RelationRow } from '../../cypher/rows.ts';

/**
 * A relation as an edge of an entity's list holds it: without its ends, which are the edge's `node` and the
 * parent entity. The same relation is one `Relation` (one id) from either end; only the edge says which end it
 * was reached from.
 */
export type EdgeRelation = RelatedRow['relation'] & { readonly seenFrom: Pick<RelatedRow, 'node' | 'outgoing'> };

/** What a `Relation` resolves from: a row with both ends (paths, the timeline, mutations, `node(id:)`), or an edge's. */
export type RelationShape = RelationRow | EdgeRelation;

export function isEdgeRelation(shape: RelationShape): shape is EdgeRelation {
  return 'seenFrom' in shape;
}
