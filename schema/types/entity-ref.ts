import type { EntityRow } from '../../cypher/rows.ts';
import { builder } from '../builder.ts';
import type { RelationShape } from './relation-shape.ts';

/**
 * References to the two interfaces, made before they are implemented (schema/types/entity.ts) so
 * that relation and provenance types can point at entities without an import cycle. A `Node` is an
 * entity or a relation: each has a global id that `node(id:)` fetches and a normalised cache keys.
 */
export const NodeRef = builder.interfaceRef<EntityRow | RelationShape>('Node');
export const EntityRef = builder.interfaceRef<EntityRow>('Entity');
