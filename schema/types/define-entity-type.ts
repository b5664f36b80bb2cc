import type { FieldMap } from '@pothos/core';
import './entity.ts';
import type { EntityRow } from '../../cypher/rows.ts';
import { KIND_DESCRIPTIONS, type EntityKind } from '../../model/kinds.ts';
import { builder } from '../builder.ts';
import { EntityRef, NodeRef } from './entity-ref.ts';
import { relationField, type RelationFieldSpec } from './relation-field.ts';

type ExtraFields = (t: PothosSchemaTypes.ObjectFieldBuilder<typeof builder.$inferSchemaTypes, EntityRow>) => FieldMap;

/**
 * Registers the object type of one kind of entity: the common `Entity` fields, plus typed
 * relation fields that read like the domain (`Treaty.parties`, `Region.within`…).
 */
export function defineEntityType(kind: EntityKind, relationFields: Record<string, RelationFieldSpec>, extraFields?: ExtraFields) {
  return builder.objectRef<EntityRow>(kind).implement({
    description: KIND_DESCRIPTIONS[kind],
    interfaces: [NodeRef, EntityRef],
    isTypeOf: (row) => (row as EntityRow).kind === kind,
    fields: (t) => ({
      ...Object.fromEntries(Object.entries(relationFields).map(([name, spec]) => [name, t.field(relationField(t.arg, spec))])),
      ...(extraFields?.(t) ?? {}),
    }),
  });
}
