import { boundTo, entityMap, type Slim } from './projection.ts';
import { cypher } from './query.ts';
import type { EntityRow, PageRow } from './rows.ts';

export type SearchHit = { readonly node: EntityRow; readonly score: number };

/** Full-text hits over names, aliases and descriptions, best first, optionally of some kinds only. */
export const searchPage = cypher<Slim & { lucene: string; kinds: readonly string[] | null; offset: number; first: number }, PageRow<SearchHit>>(
  'search.page',
  `CALL db.index.fulltext.queryNodes('entity_text', $lucene, {limit: 1000}) YIELD node, score
   WHERE $kinds IS NULL OR node.kind IN $kinds
   WITH node, score ORDER BY score DESC, node.name, node.id
   WITH collect([node, score]) AS matched
   RETURN size(matched) AS total, [hit IN matched[$offset..($offset + $first)] | {node: ${boundTo('hit[0]', entityMap)}, score: hit[1]}] AS items`,
);
