import { randomUUID } from 'node:crypto';
import { recordChanges, type ChangeToRecord } from '../../cypher/changes.ts';
import type { WriteTransaction } from '../../cypher/executor.ts';
import type { EntityRow, RelationRow } from '../../cypher/rows.ts';
import type { ChangeKind, ChangeRecord } from '../../model/changes.ts';
import { entityFixtureOf, relationFixtureOf } from '../../model/codec.ts';
import { CURATION_DATASET } from '../../model/fixture-schema.ts';

/** Who makes a curated write, by the name their credential gives; `kind` when the write is made for another mutation (attachSource updates). */
export interface Curator {
  readonly editor: string;
  readonly kind?: ChangeKind;
}

/** An entity or a relation as readers saw it, in the fixture format, as JSON: what an audit record keeps before and after. */
export function entityValues(row: EntityRow | null): string | null {
  return row && JSON.stringify(entityFixtureOf(row));
}

export function relationValues(row: RelationRow | null): string | null {
  return row && JSON.stringify(relationFixtureOf(row));
}

/**
 * Records a curated write in the write's own transaction (a write that fails records nothing): `item` is the entity or relation it changed, `ends` a relation's
 * two entities (their lists of relations changed too, so a subscriber to either hears of it).
 */
export async function recordCuratedChange(
  tx: WriteTransaction,
  change: { readonly kind: ChangeKind; readonly curator: Curator; readonly item: string; readonly ends?: readonly string[]; readonly before: string | null; readonly after: string | null },
): Promise<void> {
  const { curator, item, ends = [], before, after } = change;
  // A write that changes nothing (a quote attached again) is no change.
  if (before !== null && before === after) return;
  await record(tx, [
    {
      id: randomUUID(),
      at: null,
      kind: curator.kind ?? change.kind,
      editor: curator.editor,
      ids: [...new Set([item, ...ends])],
      datasets: [CURATION_DATASET],
      before,
      after,
      subject: item,
      restored: false,
    },
  ]);
}

/**
 * The most ids a load's change lists. A large load touches hundreds of thousands of items: listed, they would
 * weigh on the load's own transaction and arrive as one event no page could use. Above this, the change names
 * only its datasets, and a client refetches what it shows.
 */
export const MAX_LISTED_IDS = 1_000;

/** Records a load or removal of datasets, by no one the server knows: the ids of every item whose claims it changed (none past MAX_LISTED_IDS). */
export async function recordDatasetChange(tx: WriteTransaction, kind: 'loadDatasets' | 'unloadDatasets', datasets: readonly string[], ids: readonly string[]): Promise<void> {
  const listed = ids.length > MAX_LISTED_IDS ? [] : [...ids];
  await record(tx, [{ id: randomUUID(), at: null, kind, editor: null, ids: listed, datasets: [...datasets], before: null, after: null, subject: null, restored: false }]);
}

/**
 * Puts exported change records back into the log (those it does not hold yet, by id), keeping who, when and what,
 * with new sequences: a sequence is a place in this database's log.
 */
export async function restoreChanges(tx: WriteTransaction, records: readonly ChangeRecord[]): Promise<void> {
  if (records.length === 0) return;
  await record(
    tx,
    // A curated change's first id is the item it changed (recordCuratedChange).
    records.map((change) => ({ ...change, subject: change.ids[0] ?? null, restored: true })),
  );
}

async function record(tx: WriteTransaction, changes: readonly ChangeToRecord[]): Promise<void> {
  await tx.run(recordChanges, { changes });
}
