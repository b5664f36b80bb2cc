import type { EntityRow, RelationRow } from '../../cypher/rows.ts';
import { builder } from '../builder.ts';
import { EntityRef } from '../types/entity-ref.ts';
import { Relation } from '../types/relation.ts';

/** A mutation's result type: the entity as stored by the write. */
export function entityPayload(name: string, description: string) {
  return builder.objectRef<{ readonly entity: EntityRow }>(name).implement({
    description,
    fields: (t) => ({
      entity: t.field({ type: EntityRef, description: 'The entity as stored by this write.', resolve: (payload) => payload.entity }),
    }),
  });
}

/** A mutation's result type: the relation as stored by the write. */
export function relationPayload(name: string, description: string) {
  return builder.objectRef<{ readonly relation: RelationRow }>(name).implement({
    description,
    fields: (t) => ({
      relation: t.field({ type: Relation, description: 'The relation as stored by this write.', resolve: (payload) => payload.relation }),
    }),
  });
}
