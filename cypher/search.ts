import { keysetPage, type KeysetParams } from './keyset.ts';
import { boundTo, entityMap, type Slim } from './projection.ts';
import { cypher } from './query.ts';
import type { EntityRow, PageRow } from './rows.ts';

export type SearchHit = { readonly node: EntityRow; readonly score: number };

/**
 * Full-text hits over names, aliases and descriptions, best first, optionally of some kinds only. The keyset
 * holds the score negated, so that the order is ascending in every value.
 */
export const searchPage = cypher<Slim & KeysetParams & { lucene: string; kinds: readonly string[] | null }, PageRow<SearchHit>>(
  'search.page',
  `CALL db.index.fulltext.queryNodes('entity_text', $lucene, {limit: 1000}) YIELD node, score
   WHERE $kinds IS NULL OR node.kind IN $kinds
   WITH node, score ORDER BY score DESC, node.name, node.id
   WITH collect([node, score]) AS matched
   ${keysetPage('matched', (entry) => `[-${entry}[1], ${entry}[0].name, ${entry}[0].id]`, `{node: ${boundTo('entry[0]', entityMap)}, score: entry[1]}`)}`,
);
