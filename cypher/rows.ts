import type { EntityKind } from '../model/kinds.ts';
import type { RelationType } from '../model/relations.ts';

/**
 * What queries return: the stored properties, as written by the loader (see
 * model/codec.ts). Queries project `e {.*}` so rows are plain objects.
 */
export interface TimeProps {
  readonly timeStart: string | null;
  readonly timeEnd: string | null;
  readonly timePrecision: string | null;
  readonly timeText: string | null;
  readonly startYear: number | null;
  readonly endYear: number | null;
}

export interface ProvenanceProps {
  readonly sourceIds: readonly string[];
  readonly sourceQuotes: readonly string[];
}

export interface EntityRow extends TimeProps, ProvenanceProps {
  readonly id: string;
  readonly kind: EntityKind;
  readonly name: string;
  readonly aliases: readonly string[];
  readonly description: string;
  readonly category: string | null;
  readonly status: string | null;
  readonly quantities: string | null;
  readonly dataset: string | null;
  readonly url?: string | null;
  readonly license?: string | null;
  readonly attribution?: string | null;
  readonly basis?: string | null;
}

export interface RelationProps extends TimeProps, ProvenanceProps {
  readonly id: string;
  readonly role: string | null;
  readonly effect: string | null;
  readonly effectFrom: string | null;
  readonly effectTo: string | null;
  readonly note: string | null;
}

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
