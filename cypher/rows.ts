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

/** An entity in a list, with its rank as of the date asked (cypher/as-of.ts; absent when no date is asked). */
export interface EntityItem {
  readonly node: EntityRow;
  readonly held?: number | null;
}

/** The values that place an item in its list's order (a treaty's year, name and id): what a keyset cursor holds. */
export type CursorKey = readonly (string | number)[];

/**
 * One page of a list, with the total the filters match and whether items come before and after it, and each
 * item's key in the list's order (see keyset.ts), item by item; null when no cursor is read.
 */
export interface PageRow<T> {
  readonly total: number;
  readonly hasPrevious: boolean;
  readonly hasNext: boolean;
  readonly items: readonly T[];
  readonly keys: readonly CursorKey[] | null;
}
