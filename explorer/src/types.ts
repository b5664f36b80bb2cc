/**
 * The shapes of the answers to explorer/operations.ts, as far as the views read them. Every root field of the API
 * is nullable (a field that fails is null beside an error, and the others keep their answers), but api.ts rejects
 * an answer with any error, so the root fields of an answer the views get are null only where typed so here.
 */

export type Precision = 'DAY' | 'MONTH' | 'YEAR' | 'DECADE' | 'CENTURY';

export interface PartialDate {
  readonly iso: string;
  readonly year: number;
}

export interface TimeSpan {
  readonly text: string | null;
  readonly precision: Precision;
  readonly start: PartialDate | null;
  readonly end: PartialDate | null;
}

export interface EntityRef {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
}

export interface DatedEntityRef extends EntityRef {
  readonly time: TimeSpan | null;
}

export interface SourceRef {
  readonly quote: string;
  readonly sourceId: string;
}

/** A relation as one object (its global `id`), as every list that holds it shows it. */
export interface Relation {
  readonly id: string;
  readonly type: string;
  readonly label: string;
  readonly role: string | null;
  readonly effect: string | null;
  readonly note: string | null;
  readonly time: TimeSpan | null;
  readonly effectFrom: EntityRef | null;
  readonly effectTo: EntityRef | null;
  readonly sources: readonly SourceRef[];
}

/** A relation seen from one of its ends: the other end (`node`) and which way it points. */
export interface RelationEdge {
  readonly direction: 'IN' | 'OUT';
  readonly node: DatedEntityRef;
  readonly relation: Relation;
}

/** A relation as a view that names and draws it reads it. */
export type RelationLabel = Pick<Relation, 'id' | 'label'>;

export interface RelationPage {
  readonly totalCount: number;
  readonly edges: readonly RelationEdge[];
}

export interface EntityDetails extends DatedEntityRef {
  readonly aliases: readonly string[];
  readonly category: string | null;
  readonly status: string | null;
  readonly description: string;
  readonly quantities: readonly { readonly name: string; readonly value: number; readonly unit: string }[];
  readonly sources: readonly SourceRef[];
  readonly relations: RelationPage;
  readonly url?: string | null;
  readonly license?: string | null;
  readonly attribution?: string | null;
  /** The typed relation fields of its kind (`parties`, `within`…), read by name. */
  readonly [field: string]: unknown;
}

export interface SearchAnswer {
  readonly search: { readonly totalCount: number; readonly edges: readonly { readonly score: number; readonly node: DatedEntityRef & { readonly aliases: readonly string[] } }[] };
}

export interface NeighbourEdge {
  readonly relation: RelationLabel;
  readonly direction: 'IN' | 'OUT';
  readonly node: EntityRef & { readonly relations?: { readonly totalCount: number; readonly edges: readonly NeighbourEdge[] } };
}

export interface NeighbourhoodAnswer {
  readonly entity: (EntityRef & { readonly relations: { readonly totalCount: number; readonly edges: readonly NeighbourEdge[] } }) | null;
}

export interface TimelineEntry {
  readonly year: number;
  readonly time: TimeSpan | null;
  readonly entity: EntityRef | null;
  readonly relation: (RelationLabel & { readonly from: EntityRef; readonly to: EntityRef }) | null;
}

export interface TimelineAnswer {
  readonly timeline: { readonly totalCount: number; readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor: string | null }; readonly edges: readonly TimelineEntry[] };
}

export interface SourceAnswer {
  readonly entity: (EntityRef & { readonly description: string; readonly url?: string | null; readonly license?: string | null; readonly attribution?: string | null; readonly basis?: string | null; readonly text?: string | null }) | null;
}

export interface TreatiesAnswer {
  readonly place: EntityRef | null;
  readonly treaties: {
    readonly totalCount: number;
    readonly edges: readonly {
      readonly node: DatedEntityRef & {
        readonly parties: { readonly edges: readonly { readonly relation: RelationLabel; readonly node: EntityRef }[] };
        readonly affects: { readonly edges: readonly { readonly relation: RelationLabel & Pick<Relation, 'effect'>; readonly node: EntityRef }[] };
      };
    }[];
  };
}

export interface PathAnswer {
  readonly path: readonly {
    readonly length: number;
    readonly nodes: readonly EntityRef[];
    readonly relations: readonly (RelationLabel & { readonly from: { readonly id: string }; readonly to: { readonly id: string } })[];
  }[];
}

export interface OverviewAnswer {
  readonly stats: { readonly entityCount: number; readonly relationCount: number; readonly entities: readonly { readonly kind: string; readonly count: number }[] };
}
