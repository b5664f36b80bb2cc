import * as c from '../../cypher/claims.ts';
import type { WriteTransaction } from '../../cypher/executor.ts';
import * as q from '../../cypher/ingest.ts';
import type { EntityRecord, RelationRecord } from '../../model/codec.ts';
import { standsAlone } from '../../model/claims.ts';
import { FixtureError, LoadRefused } from '../../model/errors.ts';
import { CURATION_DATASET } from '../../model/fixture-schema.ts';
import { lockClaims, PendingDeletions, relationKey, writeEntityClaims, writeRelationClaims, type Written } from './claims.ts';
import { createEntities, createRelations, upsertEntities, upsertRelations, type Batching } from './write.ts';

export interface LoadCounts {
  created: number;
  updated: number;
  unchanged: number;
  removed: number;
}

/** What a load did to one dataset's claims: created (it did not claim the item before), updated, unchanged, removed. */
export interface LoadReport {
  readonly dataset: string;
  readonly entities: LoadCounts;
  readonly relations: LoadCounts;
  /** Set when the load was staged in batches and published at once (staged-load.ts), not written in one transaction. */
  readonly staged?: true;
}

/** One dataset's claims as a load writes them; `about` is absent when the dataset is being removed. */
export interface DatasetClaims {
  readonly id: string;
  readonly about?: { readonly name: string; readonly description: string };
  readonly entities: readonly EntityRecord[];
  readonly relations: readonly RelationRecord[];
}

type Previous = ReadonlyMap<string, { hash: string | null; alone: boolean }>;

/** What the steps of one load tell each other. */
interface Shared {
  /** Entities this transaction created, and relations it wrote: a relation between two created entities is new unless written. */
  readonly createdEntities: Set<string>;
  readonly writtenRelations: Set<string>;
  /** Entities, relations and claim nodes left with no claim, to delete at the end. */
  readonly pending: PendingDeletions;
  /** Items whose claims changed beside other datasets' claims, and curated ones, as they are now: each must stand at the end. */
  readonly written: { readonly entities: Written; readonly relations: Written };
  /** The ids of every entity and relation whose claims changed (a relation's ends too): what the change log records. */
  readonly touched: Set<string>;
}

/**
 * Writes the claims of several datasets in one transaction: afterwards each dataset claims exactly what it is
 * given, and every item it shares with another is merged again (services/ingest/claims.ts). In turn:
 * 1. the relations each dataset no longer claims lose its claim;
 * 2. entities, dataset by dataset: one nobody has is created, one the dataset alone claims is updated in place,
 *    any other gets its claim merged (so a first load into an empty database writes as it always did); those it
 *    no longer claims lose its claim;
 * 3. relations likewise, after every dataset's entities, so one may join entities of another in the batch;
 * 4. what no dataset claims any more is deleted, last (see PendingDeletions): an entity only if no relation
 *    still joins it, a document only if nothing still quotes it; and no item may be left resting on a curated
 *    amendment alone. Each refuses the whole load, naming what is in the way. Checked at the end, so the order
 *    of the batch does not matter.
 * It takes the claims lock first, so a curated edit waits for the load rather than merging from stale claims.
 */
export async function writeDatasets(tx: WriteTransaction, datasets: readonly DatasetClaims[], batching: Batching, touched = new Set<string>()): Promise<LoadReport[]> {
  await lockClaims(tx);
  const previous = new Map<string, { entities: Previous; relations: Previous }>();
  for (const dataset of datasets) {
    const [entities, relations] = [await tx.run(c.datasetEntityClaims, { dataset: dataset.id }), await tx.run(c.datasetRelationClaims, { dataset: dataset.id })];
    previous.set(dataset.id, { entities: byId(entities), relations: byId(relations) });
  }
  const before = (dataset: DatasetClaims) => previous.get(dataset.id) ?? { entities: new Map(), relations: new Map() };
  const shared: Shared = {
    createdEntities: new Set(),
    writtenRelations: new Set(),
    pending: new PendingDeletions(),
    written: { entities: new Map(), relations: new Map() },
    touched,
  };

  for (const dataset of datasets) await withdrawRelations(tx, dataset, before(dataset).relations, shared, batching);
  const entityCounts = new Map<string, LoadCounts>();
  for (const dataset of datasets) entityCounts.set(dataset.id, await writeEntities(tx, dataset, before(dataset).entities, shared, batching));
  const reports: LoadReport[] = [];
  for (const dataset of datasets) {
    const relations = await writeRelations(tx, dataset, before(dataset).relations, shared, batching);
    reports.push({ dataset: dataset.id, entities: entityCounts.get(dataset.id) ?? noCounts(), relations });
  }
  requireWholeItems(shared.written);
  await deleteUnclaimed(tx, shared.pending, batching.batchSize);
  for (const dataset of datasets) {
    if (!dataset.about) await tx.run(q.deleteDataset, { id: dataset.id });
    else if (dataset.id !== CURATION_DATASET) await tx.run(q.upsertDataset, { id: dataset.id, ...dataset.about });
  }
  return reports;
}

async function withdrawRelations(tx: WriteTransaction, dataset: DatasetClaims, previous: Previous, shared: Shared, batching: Batching): Promise<void> {
  const kept = new Set(dataset.relations.map((relation) => relation.id));
  const withdraw = [...previous.keys()].filter((id) => !kept.has(id));
  for (const id of withdraw) touchRelation(shared.touched, relationKey(id));
  for (const [id, props] of await writeRelationClaims(tx, dataset.id, { put: [], withdraw }, shared.pending, batching)) shared.written.relations.set(id, props);
}

function touchRelation(touched: Set<string>, { id, from, to }: { id: string; from: string; to: string }): void {
  touched.add(id).add(from).add(to);
}

async function writeEntities(tx: WriteTransaction, dataset: DatasetClaims, previous: Previous, shared: Shared, batching: Batching): Promise<LoadCounts> {
  const existing = new Map((await tx.run(q.existingEntities, { ids: dataset.entities.map((e) => e.id) })).map((row) => [row.id, row]));
  const counts = noCounts();
  const create: EntityRecord[] = [];
  const update: EntityRecord[] = [];
  const put: EntityRecord[] = [];
  const problems: string[] = [];
  for (const record of dataset.entities) {
    const found = existing.get(record.id);
    const hash = previous.get(record.id)?.hash;
    if (!found) create.push(record);
    else if (found.dataset === dataset.id && !found.datasets) {
      if (found.hash !== record.props.hash) update.push(record);
    } else if (found.kind !== record.kind) {
      const claimants = (found.datasets ?? [found.dataset]).map((id) => `"${id}"`).join(', ');
      problems.push(`entity "${record.id}": kind: ${claimants} say it is a ${found.kind}, not a ${record.kind}; one id is one thing in every dataset`);
    } else if (hash !== record.props.hash) put.push(record);
    count(counts, hash, record.props.hash);
  }
  if (problems.length > 0) throw new FixtureError(problems.map((problem) => `dataset "${dataset.id}": ${problem}`));
  const kept = new Set(dataset.entities.map((entity) => entity.id));
  const withdraw = [...previous.keys()].filter((id) => !kept.has(id));
  counts.removed = withdraw.length;
  for (const id of [...create, ...update, ...put].map((record) => record.id).concat(withdraw)) shared.touched.add(id);
  batching.progress(dataset.entities.length - create.length - update.length - put.length);
  await createEntities(tx, create, batching);
  await upsertEntities(tx, update, batching);
  for (const [id, props] of await writeEntityClaims(tx, dataset.id, { put, withdraw }, shared.pending, batching)) shared.written.entities.set(id, props);
  // Curated amendments may be written through the fast paths too, when nothing else claims their items.
  if (dataset.id === CURATION_DATASET) for (const record of [...create, ...update]) shared.written.entities.set(record.id, record.props);
  for (const record of create) shared.createdEntities.add(record.id);
  return counts;
}

async function writeRelations(tx: WriteTransaction, dataset: DatasetClaims, previous: Previous, shared: Shared, batching: Batching): Promise<LoadCounts> {
  const counts = noCounts();
  const create: RelationRecord[] = [];
  const update: RelationRecord[] = [];
  const put: RelationRecord[] = [];
  const { createdEntities, writtenRelations } = shared;
  for (const record of dataset.relations) {
    const before = previous.get(record.id);
    count(counts, before?.hash, record.props.hash);
    if (before?.hash === record.props.hash) continue;
    // Between two entities created just now, no relation can exist unless this batch wrote it.
    if (!before && createdEntities.has(record.from) && createdEntities.has(record.to) && !writtenRelations.has(record.id)) create.push(record);
    else if (before?.alone && !writtenRelations.has(record.id)) update.push(record);
    else put.push(record);
    writtenRelations.add(record.id);
  }
  const kept = new Set(dataset.relations.map((relation) => relation.id));
  counts.removed = [...previous.keys()].filter((id) => !kept.has(id)).length;
  batching.progress(counts.unchanged);
  for (const record of [...create, ...update, ...put]) touchRelation(shared.touched, record);
  await createRelations(tx, create, batching);
  await upsertRelations(tx, update, batching);
  for (const [id, props] of await writeRelationClaims(tx, dataset.id, { put, withdraw: [] }, shared.pending, batching)) shared.written.relations.set(id, props);
  if (dataset.id === CURATION_DATASET) for (const record of [...create, ...update]) shared.written.relations.set(record.id, record.props);
  return counts;
}

/**
 * Deletes what no dataset claims any more, last (see PendingDeletions): claim nodes, relations, then entities; or
 * refuses the load when a relation another dataset claims, or a quote, still needs an entity or a document.
 */
async function deleteUnclaimed(tx: WriteTransaction, pending: PendingDeletions, batchSize: number): Promise<void> {
  const ids = [...pending.entities.keys()];
  const going = [...pending.relations.keys()];
  if (ids.length > 0) {
    const joined = await tx.run(q.relationsOfEntities, { ids, going });
    if (joined.length > 0) {
      throw new LoadRefused(
        joined.map(({ entity, relation, datasets }) => `entity "${entity}" would go, but relation "${relation}" of ${datasets.map((d) => `"${d}"`).join(', ')} still joins it: remove that relation first, or keep the entity`),
      );
    }
  }
  const documents = [...pending.entities].filter(([, kind]) => kind === 'Source').map(([id]) => id);
  const citing = documents.length > 0 ? await tx.run(q.citingDocuments, { ids: documents, going: [...ids, ...going] }) : [];
  if (citing.length > 0) {
    throw new LoadRefused(citing.map(({ id, document }) => `document "${document}" would go, but "${id}" still quotes it: remove that quote first, or keep the document`));
  }
  await pending.flush(tx, batchSize);
  for (let start = 0; start < ids.length; start += batchSize) await tx.run(q.deleteEntities, { ids: ids.slice(start, start + batchSize) });
}

/** Refuses the load if an item now rests on a curated amendment alone: no name, description or quote of its own. */
function requireWholeItems(written: Shared['written']): void {
  const partial = [...written.entities, ...written.relations].filter(([, props]) => props && !standsAlone(props)).map(([id]) => id);
  if (partial.length > 0) {
    throw new LoadRefused(
      partial.map((id) => `"${id}" would rest on a curated change alone, which has no name, description or quote of its own: load a dataset that defines it too, or remove the change first`),
    );
  }
}

function count(counts: LoadCounts, before: string | null | undefined, now: unknown): void {
  if (before === undefined) counts.created += 1;
  else if (before === now) counts.unchanged += 1;
  else counts.updated += 1;
}

function noCounts(): LoadCounts {
  return { created: 0, updated: 0, unchanged: 0, removed: 0 };
}

function byId(rows: readonly { id: string; hash: string | null; alone: boolean }[]): Previous {
  return new Map(rows.map(({ id, hash, alone }) => [id, { hash, alone }]));
}
