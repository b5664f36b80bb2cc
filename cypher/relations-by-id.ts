import { matchById } from './entities.ts';
import { cypher } from './query.ts';
import type { RelationRow } from './rows.ts';

/** A relation's id with the ends it names (model/relation-id.ts), so that it is found from its start node, not by a scan. */
export type RelationKey = { readonly id: string; readonly from: string; readonly to: string };

/** Relations by id, with both ends: what `node(id:)` and `nodes(ids:)` answer for a relation's global id. */
export const relationsById = cypher<{ keys: readonly RelationKey[] }, { relation: RelationRow }>(
  'relations.byId',
  // A document's full text stays in Neo4j, as in entities.byId.
  `UNWIND $keys AS key
   ${matchById('a', 'key.from')}
   MATCH (a)-[r {id: key.id}]->(b:Entity {id: key.to})
   RETURN r {.*, type: type(r), from: a {.*, text: null}, to: b {.*, text: null}} AS relation`,
);
