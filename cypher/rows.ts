import type { EntityProps, RelationProps } from '../model/codec.ts';
import type { RelationType } from '../model/relations.ts';

/**
 * What queries return: the stored properties as the storage codec defines them (model/codec.ts).
 * Queries project `e {.*}` so rows are plain objects.
 */
export type EntityRow = EntityProps;

/** A relation with both ends, as the timeline and paths return it. */
export interface RelationRow extends RelationProps {
  readonly type: RelationType;
  readonly from: EntityRow;
  readonly to: EntityRow;
}

/** One page of a list, with the total the filters match. */
export interface PageRow<T> {
  readonly total: number;
  readonly items: readonly T[];
}
