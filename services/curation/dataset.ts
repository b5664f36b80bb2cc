import { CURATION_DATASET } from '../../model/fixture-schema.ts';

/**
 * Everything curation writes gets `dataset: 'curation'` (a dataset id no fixture may take). The
 * loader removes only what belongs to the dataset it loads (services/ingest/load.ts), so curated
 * entities and relations outlive reloads — except that a dataset which still defines the same id
 * writes its version over the curated one, and removing an entity detaches its relations.
 */
export { CURATION_DATASET };

/** Every curated quote names its Source (`sourceId` is required), so records need no default document. */
export const NO_DEFAULT_SOURCE = '';
