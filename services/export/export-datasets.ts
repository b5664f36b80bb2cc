import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import { datasetEntityClaimsInFull, datasetRelationClaimsInFull } from '../../cypher/claims.ts';
import type { CypherExecutor, WriteTransaction } from '../../cypher/executor.ts';
import { changesOfKinds } from '../../cypher/changes.ts';
import { datasetAbout, datasetIds } from '../../cypher/datasets.ts';
import { CURATED_KINDS, type ChangeRecord, type LoggedChange } from '../../model/changes.ts';
import { documentFixtureOf, entityFixtureOf, relationFixtureOf, type EntityProps } from '../../model/codec.ts';
import { NotFound } from '../../model/errors.ts';
import { CURATION_DATASET, type DatasetFixture, type EntityAmendment, type RelationAmendment } from '../../model/fixture-schema.ts';
import { parseRelationId } from '../../model/relation-id.ts';
import type { RelationType } from '../../model/relations.ts';
import { CURATION_ABOUT } from '../curation/dataset.ts';
import { lockClaims } from '../ingest/claims.ts';
import { FILES } from '../ingest/read-dataset.ts';

export interface ExportReport {
  readonly dataset: string;
  readonly dir: string;
  readonly documents: number;
  readonly entities: number;
  readonly relations: number;
}

/**
 * Writes datasets back to the fixture format that `npm run load` reads, one folder `<dir>/<dataset id>` each:
 * what each dataset claims now (model/claims.ts), curated edits included, so loading the folders into an empty
 * database gives the same graph. Every quote names its document. The curated dataset has no documents of its
 * own (its quotes cite other datasets'): its folder holds none, and it loads beside or after those datasets.
 * Everything is read in one transaction that holds the claims lock, so the export is one state of the graph
 * even while loads and curated edits go on (they wait for it).
 */
export async function exportDatasets(executor: CypherExecutor, dir: string, only?: string): Promise<ExportReport[]> {
  const loaded = (await executor.read(datasetIds, {})).map((row) => row.id);
  if (only !== undefined && !loaded.includes(only)) {
    throw new NotFound(['dataset'], `No dataset "${only}" is loaded${loaded.length > 0 ? `; these are: ${loaded.join(', ')}` : ''}.`);
  }
  const folders = (only === undefined ? loaded : [only]).map((id) => ({ id, dir: path.join(dir, id) }));
  for (const folder of folders) await emptyFolder(folder.dir);
  // A write transaction only for the lock; files are overwritten, so a retried transaction writes the same ones.
  return executor.write(async (tx) => {
    await lockClaims(tx);
    const reports: ExportReport[] = [];
    for (const folder of folders) reports.push(await exportDataset(tx, folder.id, folder.dir));
    return reports;
  });
}

async function exportDataset(tx: WriteTransaction, id: string, dir: string): Promise<ExportReport> {
  const claims = (await tx.run(datasetEntityClaimsInFull, { dataset: id })).map((row) => row.claim);
  const documents = claims.filter(isDocument).sort(byId);
  const entities = claims.filter((claim) => !isDocument(claim)).sort(byId).map(entityFixtureOf);
  const relations = (await tx.run(datasetRelationClaimsInFull, { dataset: id }))
    .map((row) => row.claim)
    .sort(byId)
    .map((claim) => {
      const parts = parseRelationId(claim.id);
      if (!parts) throw new Error(`relation id "${claim.id}" does not name its type and ends`);
      return relationFixtureOf({ ...claim, type: parts.type as RelationType, from: { id: parts.from }, to: { id: parts.to } });
    });
  const [about] = await tx.run(datasetAbout, { id });
  const dataset: DatasetFixture = {
    id,
    ...(id === CURATION_DATASET ? CURATION_ABOUT : (about ?? { name: id, description: `The dataset "${id}", exported from Tianshan.` })),
    documents: documents.map((document) => documentFixtureOf(document, `sources/${document.id}.txt`)),
  };

  const header = `# Exported from Tianshan by \`npm run export\`: what the dataset "${id}" claims. Load it with \`npm run load\`.\n`;
  await writeFile(path.join(dir, 'dataset.yaml'), header + yaml(dataset));
  await writeFile(path.join(dir, 'entities.yaml'), header + yaml(entities.map(tidy)));
  await writeFile(path.join(dir, 'relations.yaml'), header + yaml(relations.map(tidy)));
  if (id === CURATION_DATASET) {
    // The audit trail of curated writes goes with them; a load of the folder puts it back (services/changes/record.ts).
    const changes = (await tx.run(changesOfKinds, { kinds: CURATED_KINDS })).map(({ change }) => exportedChange(change));
    const about = `# Exported from Tianshan by \`npm run export\`: the change record of every curated write. \`npm run load\` of this folder puts them back.\n`;
    await writeFile(path.join(dir, FILES.changes), about + yaml(changes));
  }
  if (documents.length > 0) await mkdir(path.join(dir, 'sources'), { recursive: true });
  for (const document of documents) await writeFile(path.join(dir, 'sources', `${document.id}.txt`), String(document.text ?? ''));
  return { dataset: id, dir, documents: documents.length, entities: entities.length, relations: relations.length };
}

/** A change record as the file keeps it: without its place in this database's log, which a restore assigns anew. */
function exportedChange({ id, at, kind, editor, ids, datasets, before, after }: LoggedChange): ChangeRecord {
  return { id, at, kind, editor, ids, datasets, before, after };
}

/** A document's record has its basis (article or background); a Source entity such as a map series has none. */
function isDocument(claim: EntityProps): boolean {
  return claim.kind === 'Source' && claim.basis != null;
}

/** An export never writes over files: a backup lands in a folder of its own. */
async function emptyFolder(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  if ((await readdir(dir)).length > 0) throw new Error(`${dir} is not empty: export into a new folder (an export never writes over files)`);
}

/** Without the empty lists the format fills in itself (aliases, quantities), as a person would write the fixture. */
function tidy(fixture: EntityAmendment | RelationAmendment): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fixture).filter(([, value]) => !(Array.isArray(value) && value.length === 0)));
}

function yaml(value: unknown): string {
  // No folding of long lines: quotes must come back character for character.
  return stringify(value, { lineWidth: 0 });
}

function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
