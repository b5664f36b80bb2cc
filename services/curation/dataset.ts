import { CURATION_DATASET } from '../../model/fixture-schema.ts';

/**
 * Everything curation writes is the claim of the dataset `curation` (an id only an export of curated facts may
 * take). A load changes only the claims of the dataset it loads (services/ingest/), so curated entities,
 * relations and edits outlive reloads of the datasets that define the same items; where they disagree, the
 * curated claim comes first (model/claims.ts).
 */
export { CURATION_DATASET };

/** How an export names the curated dataset, which has no dataset.yaml of its own. */
export const CURATION_ABOUT = {
  name: 'Curated facts',
  description: 'Entities, relations and changes written by editors through the API (createEntity, updateEntity, createRelation, updateRelation, attachSource).',
} as const;

/** Every curated quote names its Source (`sourceId` is required), so records need no default document. */
export const NO_DEFAULT_SOURCE = '';
