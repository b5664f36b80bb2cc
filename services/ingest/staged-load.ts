import type { CypherExecutor } from '../../cypher/executor.ts';
import * as q from '../../cypher/ingest.ts';
import * as s from '../../cypher/staged-load.ts';
import { LoadRefused } from '../../model/errors.ts';
import { recordDatasetChange } from '../changes/record.ts';
import { lockClaims, relationKey } from './claims.ts';
import { groupBy, type Batching } from './write.ts';
import type { DatasetClaims, LoadReport } from './write-datasets.ts';

/**
 * A first load too large for one transaction, in three steps, each its own transaction or many:
 * 1. stage: entities become `Staged` nodes (no `Entity` label, no kind label) and relations join them, in
 *    batches that each commit; no reader matches a staged node, so none sees a half-done load;
 * 2. publish: one transaction relabels every staged node of the dataset as an entity of its kind and records
 *    the dataset, so readers see nothing of it, then all of it; it changes two labels and a property per
 *    node, a small part of what writing the dataset holds in memory;
 * 3. a load that stopped part-way leaves staged nodes, still unseen: rerunning the same load finds them, writes
 *    only what is missing or changed (by hash), drops what the files no longer hold, and publishes.
 * It serves a first load only (no entity of the dataset exists yet and its relations stay inside it): merging
 * claims with other datasets needs the whole of both, which the one-transaction load has. Another writer may
 * take one of its ids while it stages (ids are claimed only under the claims lock, which staging does not hold):
 * the publish checks under that lock and refuses, naming the ids, publishing nothing. A rerun then drops the
 * staged remains and loads the ordinary way, merging with what took the ids; or, if those were removed
 * meanwhile, publishes what is staged.
 */

/** Rows (entities and relations) above which a first load is staged. @default 200_000 */
export const STAGE_ABOVE_ROWS = 200_000;

/** Rows per staging transaction, unless the load says otherwise: small enough that each holds little memory, large enough that commits are few. */
export const STAGE_BATCH_ROWS = 20_000;

/**
 * Whether the load of `dataset` is staged: a large first load, or the rerun of one that stopped part-way. When
 * such a rerun can no longer be staged (another writer took one of its ids), it also drops the staged remains, so
 * that the ordinary load that follows leaves nothing behind.
 */
export async function stagedLoadApplies(executor: CypherExecutor, dataset: DatasetClaims, stageAboveRows: number): Promise<boolean> {
  const [unfinished] = await executor.read(s.stagedCount, { dataset: dataset.id });
  const remains = (unfinished?.staged ?? 0) > 0;
  if (!remains && dataset.entities.length + dataset.relations.length <= stageAboveRows) return false;
  if (await stageable(executor, dataset)) return true;
  // What an earlier attempt staged can no longer be published: the ordinary load takes over, with nothing left behind.
  // Dropped before it, not after: the ordinary load reads relation claims by relation id, which finds the staged
  // relations too and would take them as already written (tried: the rerun then stored no relation at all).
  if (remains) await dropStaged(executor, dataset.id);
  return false;
}

/** Whether a staged load can write `dataset`: its relations stay inside it, and no entity has any of its ids. */
async function stageable(executor: CypherExecutor, dataset: DatasetClaims): Promise<boolean> {
  const ids = new Set(dataset.entities.map((entity) => entity.id));
  if (!dataset.relations.every((relation) => ids.has(relation.from) && ids.has(relation.to))) return false;
  for (const chunk of chunks([...ids], STAGE_BATCH_ROWS)) if ((await executor.read(s.takenIds, { ids: chunk })).length > 0) return false;
  return true;
}

/** Deletes every staged node of `dataset` and its relations, in batches that each commit. */
async function dropStaged(executor: CypherExecutor, dataset: string): Promise<void> {
  for (;;) {
    const [batch] = await executor.write((tx) => tx.run(s.dropStagedBatch, { dataset, limit: STAGE_BATCH_ROWS / 4 }));
    if ((batch?.dropped ?? 0) === 0) return;
  }
}

export async function loadStaged(executor: CypherExecutor, dataset: DatasetClaims, batching: Batching): Promise<LoadReport> {
  await stage(executor, dataset, batching);
  return publish(executor, dataset);
}

/** Step 1 alone: what a load that stopped before publishing leaves behind. */
export async function stage(executor: CypherExecutor, dataset: DatasetClaims, { batchSize, progress }: Batching): Promise<void> {
  const entitiesBefore = byId(await executor.read(s.stagedEntities, { dataset: dataset.id }));
  const relationsBefore = byId(await executor.read(s.stagedRelations, { dataset: dataset.id }));
  await dropStrays(executor, dataset, entitiesBefore, relationsBefore);

  const entities = dataset.entities.filter((entity) => entitiesBefore.get(entity.id) !== entity.props.hash);
  progress(dataset.entities.length - entities.length);
  for (const [again, group] of groupBy(entities, (entity) => entitiesBefore.has(entity.id))) {
    const query = again ? s.restageEntities : s.stageEntities;
    for (const chunk of chunks(group, batchSize)) {
      await executor.write((tx) => tx.run(query, { dataset: dataset.id, rows: chunk.map((entity) => entity.props) }));
      progress(chunk.length);
    }
  }

  const relations = dataset.relations.filter((relation) => relationsBefore.get(relation.id) !== relation.props.hash);
  progress(dataset.relations.length - relations.length);
  for (const [key, group] of groupBy(relations, (relation) => `${relationsBefore.has(relation.id) ? 'merge' : 'create'} ${relation.type}` as const)) {
    const query = s.stageRelations.get(key);
    if (!query) throw new Error(`no staging query for ${key}`);
    for (const chunk of chunks(group, batchSize)) {
      const [result] = await executor.write((tx) => tx.run(query, { dataset: dataset.id, rows: chunk.map(({ id, from, to, props }) => ({ id, from, to, props })) }));
      if (result?.written !== chunk.length) throw new Error(`staging ${dataset.id}: ${chunk.length - (result?.written ?? 0)} relations (${key}) found no staged end; rerun the load`);
      progress(chunk.length);
    }
  }
}

/** Step 2: every staged node of the dataset becomes an entity, in one transaction, or none does. */
export async function publish(executor: CypherExecutor, dataset: DatasetClaims): Promise<LoadReport> {
  const published = await executor.write(async (tx) => {
    // The lock every change to claims takes: a curated edit waits rather than merging beside a half-published load,
    // and no writer can take one of the dataset's ids between this check and the commit.
    await lockClaims(tx);
    const clashes = await tx.run(s.stagedClashes, { dataset: dataset.id });
    if (clashes.length > 0) throw clashesRefused(dataset.id, clashes);
    let count = 0;
    for (const query of s.publishStaged.values()) count += (await tx.run(query, { dataset: dataset.id }))[0]?.published ?? 0;
    if (count !== dataset.entities.length) {
      throw new LoadRefused([`dataset "${dataset.id}": ${count} staged entities where the files hold ${dataset.entities.length}; nothing was published, rerun the load`]);
    }
    if (dataset.about) await tx.run(q.upsertDataset, { id: dataset.id, ...dataset.about });
    // One change for the load, naming the dataset: a staged load is far above what a change lists.
    await recordDatasetChange(tx, 'loadDatasets', [dataset.id], []);
    return count;
  });
  const created = (n: number) => ({ created: n, updated: 0, unchanged: 0, removed: 0 });
  return { dataset: dataset.id, entities: created(published), relations: created(dataset.relations.length), staged: true };
}

/** Ids listed by name in a refusal; the rest are counted. */
const LISTED_CLASHES = 20;

function clashesRefused(dataset: string, clashes: readonly { id: string; kind: string }[]): LoadRefused {
  const listed = clashes.slice(0, LISTED_CLASHES).map(({ id, kind }) => `"${id}" (a ${kind})`);
  const more = clashes.length > LISTED_CLASHES ? ` and ${clashes.length - LISTED_CLASHES} more` : '';
  return new LoadRefused([
    `dataset "${dataset}": while it was being staged, other writes created entities with ${clashes.length === 1 ? 'its id' : `${clashes.length} of its ids`}: ` +
      `${listed.join(', ')}${more}. Nothing of the dataset was published. Run the load again: it then loads in one transaction, ` +
      `keeping their words beside the dataset's; for a dataset too large for that, remove those entities first and the rerun publishes what is staged`,
  ]);
}

/** What an earlier, unfinished load staged that the files no longer hold. */
async function dropStrays(executor: CypherExecutor, dataset: DatasetClaims, entities: ReadonlyMap<string, unknown>, relations: ReadonlyMap<string, unknown>): Promise<void> {
  const entityIds = new Set(dataset.entities.map((entity) => entity.id));
  const relationIds = new Set(dataset.relations.map((relation) => relation.id));
  const strayRelations = [...relations.keys()].filter((id) => !relationIds.has(id)).map((id) => ({ id, from: relationKey(id).from }));
  for (const chunk of chunks(strayRelations, STAGE_BATCH_ROWS)) await executor.write((tx) => tx.run(s.dropStagedRelations, { dataset: dataset.id, rows: chunk }));
  const strayEntities = [...entities.keys()].filter((id) => !entityIds.has(id));
  for (const chunk of chunks(strayEntities, STAGE_BATCH_ROWS)) await executor.write((tx) => tx.run(s.dropStagedEntities, { dataset: dataset.id, ids: chunk }));
}

function byId(rows: readonly { id: string; hash: string | null }[]): Map<string, string | null> {
  return new Map(rows.map((row) => [row.id, row.hash]));
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}
