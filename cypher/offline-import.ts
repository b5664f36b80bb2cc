import { cypher, type CypherQuery } from './query.ts';

/**
 * What follows Neo4j's offline importer (services/ingest/offline-import.ts): it cannot store an empty list, so
 * the import files mark each item that held one (services/ingest/import-csv.ts) and these statements set the
 * lists, a batch at a time. Property names come only from the codec's list properties below.
 */
export const LIST_PROPERTIES = ['aliases', 'sourceIds', 'sourceQuotes', 'datasets'] as const;
export type ListProperty = (typeof LIST_PROPERTIES)[number];

/** Marker columns of the import files: `importEmptyList_<property>`. */
export const EMPTY_LIST_MARKER = 'importEmptyList_';

type Fixup = CypherQuery<{ limit: number }, { fixed: number }>;

function fixup(items: 'nodes' | 'relationships', property: ListProperty): Fixup {
  const marker = `${EMPTY_LIST_MARKER}${property}`;
  const match = items === 'nodes' ? '(item:Entity)' : '()-[item]->()';
  return cypher(
    `offlineImport.emptyList.${items}.${property}`,
    `MATCH ${match} WHERE item.${marker} IS NOT NULL
     WITH item LIMIT toInteger($limit)
     SET item.${property} = []
     REMOVE item.${marker}
     RETURN count(*) AS fixed`,
  );
}

export const emptyListFixups: ReadonlyMap<`${'nodes' | 'relationships'} ${ListProperty}`, Fixup> = new Map(
  (['nodes', 'relationships'] as const).flatMap((items) => LIST_PROPERTIES.map((property) => [`${items} ${property}` as const, fixup(items, property)])),
);
