import type { EntityRow } from '../../cypher/rows.ts';
import { builder } from '../builder.ts';

/**
 * References to the two interfaces, made before they are implemented (schema/types/entity.ts) so
 * that relation and provenance types can point at entities without an import cycle.
 */
export const NodeRef = builder.interfaceRef<EntityRow>('Node');
export const EntityRef = builder.interfaceRef<EntityRow>('Entity');
