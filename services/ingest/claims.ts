import * as c from '../../cypher/claims.ts';
import type { WriteTransaction } from '../../cypher/executor.ts';
import { mergeClaims } from '../../model/claims.ts';
import type { EntityRecord, Props, RelationRecord } from '../../model/codec.ts';
import type { EntityKind } from '../../model/kinds.ts';
import { parseRelationId } from '../../model/relation-id.ts';
import type { RelationType } from '../../model/relations.ts';
import { upsertEntities, upsertRelations, type Batching } from './write.ts';

/**
 * Changes one dataset's claims on items that other datasets may claim too, and rewrites each such item as
 * model/claims.ts merges what is left: the claim alone when one dataset is left (its Claim nodes go), the merge
 * with a Claim per dataset when several are. Used by the loader for items it shares and by curation for every
 * write, so both keep every other dataset's words. Whatever the item's state, the result is the same.
 */
export interface ClaimChanges<R> {
  /** The dataset's new or changed claims. */
  readonly put: readonly R[];
  /** Ids of items the dataset no longer claims. */
  readonly withdraw: readonly string[];
}

/** An item after the change: its props, or none when no dataset claims it any more, and its Claim nodes. */
interface Settled {
  readonly id: string;
  readonly props: Props | undefined;
  readonly claims: readonly Props[];
}

const NO_PROGRESS: Batching = { batchSize: 5_000, progress: () => {} };

/** Returns the entities no dataset claims any more, with their kinds: the caller deletes them once their relations are gone. */
export async function writeEntityClaims(
  tx: WriteTransaction,
  dataset: string,
  changes: ClaimChanges<EntityRecord>,
  batching: Batching = NO_PROGRESS,
): Promise<{ id: string; kind: string }[]> {
  const ids = [...changes.put.map((record) => record.id), ...changes.withdraw];
  const puts = byId(changes.put);
  const unclaimed: { id: string; kind: string }[] = [];
  await inChunks(ids, batching.batchSize, async (chunk) => {
    const state = await tx.run(c.entityClaimState, { ids: chunk });
    const settled = settle(state, dataset, puts);
    settled.forEach((item, index) => {
      if (!item.props) unclaimed.push({ id: item.id, kind: String(state[index]?.item?.kind) });
    });
    const kept = settled.flatMap((item) => (item.props ? [{ id: item.id, kind: item.props.kind as EntityKind, props: item.props }] : []));
    await upsertEntities(tx, kept, batching);
    await tx.run(c.replaceClaims, { ids: chunk, claims: settled.flatMap((item) => item.claims) });
  });
  return unclaimed;
}

/** The same for relations; one no dataset claims any more is deleted. */
export async function writeRelationClaims(tx: WriteTransaction, dataset: string, changes: ClaimChanges<RelationRecord>, batching: Batching = NO_PROGRESS): Promise<void> {
  const keys: RelationKey[] = [...changes.put.map(({ id, type, from, to }) => ({ id, type, from, to })), ...changes.withdraw.map(relationKey)];
  const puts = byId(changes.put);
  await inChunks(keys, batching.batchSize, async (chunk) => {
    const settled = settle(await tx.run(c.relationClaimState, { rows: chunk }), dataset, puts);
    const kept = settled.flatMap((item, index) => (item.props && chunk[index] ? [{ ...chunk[index], props: item.props }] : []));
    const gone = chunk.filter((_key, index) => !settled[index]?.props);
    if (gone.length > 0) await tx.run(c.deleteRelations, { rows: gone });
    await upsertRelations(tx, kept, batching);
    await tx.run(c.replaceClaims, { ids: chunk.map((key) => key.id), claims: settled.flatMap((item) => item.claims) });
  });
}

/**
 * Each item (in the order of `state`, one row per id asked for) with `dataset`'s claim put or withdrawn. An item
 * without Claim nodes is its one claimant's claim, or a bare node (curation's claim on a new id) that is nobody's.
 */
function settle(state: readonly { id: string; item: Props | null; claims: Props[] }[], dataset: string, puts: ReadonlyMap<string, Props>): Settled[] {
  return state.map(({ id, item, claims }) => {
    const current = claims.length > 0 ? claims : item?.dataset != null ? [item] : [];
    const byDataset = new Map(current.map((claim) => [String(claim.dataset), claim]));
    const claim = puts.get(id);
    if (claim) byDataset.set(dataset, claim);
    else byDataset.delete(dataset);
    const left = [...byDataset.values()];
    if (left.length > 1) return { id, props: mergeClaims(left), claims: left };
    return { id, props: left[0], claims: [] };
  });
}

function byId(records: readonly { id: string; props: Props }[]): Map<string, Props> {
  return new Map(records.map((record) => [record.id, record.props]));
}

type RelationKey = c.RelationKey & { readonly type: RelationType };

/** Type and ends of a relation, from its id. */
export function relationKey(id: string): RelationKey {
  const parts = parseRelationId(id);
  if (!parts) throw new Error(`"${id}" is not a relation id`);
  return { id, type: parts.type as RelationType, from: parts.from, to: parts.to };
}

async function inChunks<T>(items: readonly T[], size: number, work: (chunk: T[]) => Promise<void>): Promise<void> {
  for (let start = 0; start < items.length; start += size) await work(items.slice(start, start + size));
}
