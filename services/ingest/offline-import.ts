import type { CypherExecutor } from '../../cypher/executor.ts';
import * as q from '../../cypher/ingest.ts';
import { emptyListFixups, LIST_PROPERTIES, type ListProperty } from '../../cypher/offline-import.ts';
import { recordDatasetChange } from '../changes/record.ts';
import type { ImportFiles } from './import-csv.ts';
import type { DatasetClaims } from './write-datasets.ts';

export { writeImportFiles, type ImportFiles } from './import-csv.ts';

/**
 * A first load into an empty database through Neo4j's offline importer, an explicit opt-in for large datasets
 * on the embedded Neo4j (README, "First load through Neo4j's offline importer"):
 * 1. `writeImportFiles` writes the dataset as the importer's CSV (import-csv.ts);
 * 2. the importer builds the store before Neo4j starts (server/neo4j/embedded/import-tool.ts), which it does
 *    only into an empty database (and refuses two nodes with one id): readers cannot see a half-done import, as
 *    no Neo4j is serving it;
 * 3. Neo4j starts, the migrations make the indexes and constraints, and `finishOfflineImport` writes what the
 *    importer cannot: empty lists, the dataset's record and the load's change. Until it has run, a reader would
 *    see empty lists missing; the benchmark runs it before any server asks. Its fix-ups are safe to run again;
 *    the change is then recorded twice.
 */
export async function finishOfflineImport(executor: CypherExecutor, dataset: DatasetClaims, files: ImportFiles): Promise<void> {
  for (const [items, properties] of [
    ['nodes', files.emptyLists.nodes],
    ['relationships', files.emptyLists.relationships],
  ] as const) {
    for (const property of properties) {
      const query = emptyListFixups.get(`${items} ${listProperty(property)}`);
      if (!query) throw new Error(`offline import: no fix-up for ${items} ${property}`);
      for (;;) {
        const [batch] = await executor.write((tx) => tx.run(query, { limit: 50_000 }));
        if ((batch?.fixed ?? 0) === 0) break;
      }
    }
  }
  await executor.write(async (tx) => {
    if (dataset.about) await tx.run(q.upsertDataset, { id: dataset.id, ...dataset.about });
    await recordDatasetChange(tx, 'loadDatasets', [dataset.id], []);
  });
}

function listProperty(name: string): ListProperty {
  const found = LIST_PROPERTIES.find((property) => property === name);
  if (!found) throw new Error(`offline import: "${name}" is not a list property the codec writes`);
  return found;
}
