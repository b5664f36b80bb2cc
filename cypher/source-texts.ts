import { matchById } from './entities.ts';
import { cypher } from './query.ts';

/**
 * The full text of source documents: for `Source.text` (a reader's source view), and for curation, which checks
 * new quotes against it. Every other read leaves the text in Neo4j (`text: null` in the projections), so only a
 * selection of `text` pays for it. A seek by id as every read path is; an id that is not a Source gives no row,
 * and a Source loaded before texts were stored a null text.
 */
export const sourceTextsById = cypher<{ ids: readonly string[] }, { id: string; text: string | null }>(
  'sources.textById',
  `UNWIND $ids AS id
   ${matchById('s', 'id')}
   WITH s WHERE s:Source
   RETURN s.id AS id, s.text AS text`,
);
