import * as c from '../../cypher/claims.ts';
import type { ClaimState, StoredClaim } from '../../cypher/claims.ts';
import type { WriteTransaction } from '../../cypher/executor.ts';
import { mergeClaims } from '../../model/claims.ts';
import type { EntityRecord, Props, RelationRecord } from '../../model/codec.ts';
import type { EntityKind } from '../../model/kinds.ts';
import { parseRelationId } from '../../model/relation-id.ts';
import type { RelationType } from '../../model/relations.ts';
import { upsertEntities, upsertRelations, type Batching } from './write.ts';

/**
 * Changes one dataset's claims on items that other datasets may claim too, and rewrites each such item as
 * model/claims.ts merges what is left: the claim alone when one dataset is left (its claim nodes go), the merge
 * with a claim node per dataset when several are. Used by the loader for items it shares and by curation for
 * every write, so both keep every other dataset's words. Whatever the item's state, the result is the same.
 *
 * Reads come before writes, and deletions last (PendingDeletions): Neo4j answers a transaction's index seeks
 * many times more slowly once it has deleted many nodes, which made a large removal take minutes, not seconds.
 */
export interface ClaimChanges<R> {
  /** The dataset's new or changed claims. */
  readonly put: readonly R[];
  /** Ids of items the dataset no longer claims. */
  readonly withdraw: readonly string[];
}

/** Each item written, by id: its props now, or undefined when no dataset claims it any more. */
export type Written = Map<string, Props | undefined>;

type RelationKey = c.RelationKey & { readonly type: RelationType };

const NO_PROGRESS: Batching = { batchSize: 5_000, progress: () => {} };

/**
 * What changes of one transaction leave with no claim, to delete at its end: claim nodes, relations and entities
 * (the loader deletes those, after checking nothing needs them). Until then later changes see them as gone, and
 * one that claims an item again keeps it.
 */
export class PendingDeletions {
  readonly claimNodes = new Set<string>();
  readonly relations = new Map<string, c.RelationKey>();
  readonly entities = new Map<string, string>();

  /** Deletes the claim nodes and relations; entities are left to the caller. */
  async flush(tx: WriteTransaction, batchSize = NO_PROGRESS.batchSize): Promise<void> {
    await inChunks([...this.relations.values()], batchSize, (rows) => tx.run(c.deleteRelations, { rows }));
    await inChunks([...this.claimNodes], batchSize, (nodes) => tx.run(c.deleteClaims, { nodes }));
    this.relations.clear();
    this.claimNodes.clear();
  }
}

/** Takes the lock every change to claims takes first (cypher/claims.ts), for the rest of the transaction. */
export async function lockClaims(tx: WriteTransaction): Promise<void> {
  await tx.run(c.lockClaims, {});
}

/** An entity no dataset claims any more is left in `pending.entities`, with its kind, for the caller to delete. */
export async function writeEntityClaims(
  tx: WriteTransaction,
  dataset: string,
  changes: ClaimChanges<EntityRecord>,
  pending: PendingDeletions,
  batching: Batching = NO_PROGRESS,
): Promise<Written> {
  const ids = [...changes.put.map((record) => record.id), ...changes.withdraw];
  const state = await readInChunks(ids, batching.batchSize, (chunk) => tx.run(c.entityClaimState, { ids: chunk }));
  const settled = settle(state, dataset, byId(changes.put), pending, pending.entities);
  const kept: EntityRecord[] = [];
  settled.forEach(({ id, props }, index) => {
    if (props) {
      pending.entities.delete(id);
      kept.push({ id, kind: props.kind as EntityKind, props });
    } else pending.entities.set(id, String(state[index]?.item?.kind));
  });
  await upsertEntities(tx, kept, batching);
  await writeClaimNodes(tx, 'entities', settled, batching.batchSize);
  return new Map(settled.map((item) => [item.id, item.props]));
}

/** The same for relations; one no dataset claims any more is left in `pending.relations`. */
export async function writeRelationClaims(
  tx: WriteTransaction,
  dataset: string,
  changes: ClaimChanges<RelationRecord>,
  pending: PendingDeletions,
  batching: Batching = NO_PROGRESS,
): Promise<Written> {
  const keys: RelationKey[] = [...changes.put.map(({ id, type, from, to }) => ({ id, type, from, to })), ...changes.withdraw.map(relationKey)];
  const state = await readInChunks(keys, batching.batchSize, (chunk) => tx.run(c.relationClaimState, { rows: chunk }));
  const settled = settle(state, dataset, byId(changes.put), pending, pending.relations);
  const kept: RelationRecord[] = [];
  settled.forEach(({ id, props }, index) => {
    const key = keys[index];
    if (!key) return;
    if (props) {
      // Written with MERGE, so a relation an earlier change left for deletion is this one again.
      pending.relations.delete(id);
      kept.push({ ...key, props });
    } else pending.relations.set(id, key);
  });
  await upsertRelations(tx, kept, batching);
  await writeClaimNodes(tx, 'relations', settled, batching.batchSize);
  return new Map(settled.map((item) => [item.id, item.props]));
}

/** An item after the change: its props, and its claim nodes to delete, to change (found by element id) and to create. */
interface Settled {
  readonly id: string;
  readonly props: Props | undefined;
  readonly changed: readonly StoredClaim[];
  readonly created: readonly Props[];
}

/**
 * Each item (in the order of `state`, one row per id asked for) with `dataset`'s claim put or withdrawn. An item
 * without claim nodes is its one claimant's claim, or a bare node (curation's claim on a new id) that is nobody's;
 * an item or a claim node pending deletion is gone, though a node may serve again for the same claimant.
 */
function settle(state: readonly ClaimState[], dataset: string, puts: ReadonlyMap<string, Props>, pending: PendingDeletions, pendingItems: ReadonlyMap<string, unknown>): Settled[] {
  return state.map(({ id, item, claims: stored }) => {
    const live = new Map(stored.filter((claim) => !pending.claimNodes.has(claim.node)).map((claim) => [String(claim.props.dataset), claim]));
    const spare = new Map(stored.filter((claim) => pending.claimNodes.has(claim.node)).map((claim) => [String(claim.props.dataset), claim]));
    const alone = item && !pendingItems.has(id) && item.dataset != null ? [item] : [];
    const byDataset = new Map((live.size > 0 ? [...live.values()].map((claim) => claim.props) : alone).map((claim) => [String(claim.dataset), claim]));
    const claim = puts.get(id);
    if (claim) byDataset.set(dataset, claim);
    else byDataset.delete(dataset);
    const left = [...byDataset.values()];
    // Claim nodes exist only while several datasets claim the item.
    const after = left.length > 1 ? left : [];
    const changed: StoredClaim[] = [];
    const created: Props[] = [];
    for (const kept of after) {
      const claimant = String(kept.dataset);
      const node = live.get(claimant) ?? spare.get(claimant);
      if (!node) created.push(kept);
      else if (spare.has(claimant) && !live.has(claimant)) {
        pending.claimNodes.delete(node.node);
        changed.push({ node: node.node, props: kept });
      } else if (node.props.hash !== kept.hash) changed.push({ node: node.node, props: kept });
    }
    const claimants = new Set(after.map((kept) => String(kept.dataset)));
    for (const [claimant, node] of live) if (!claimants.has(claimant)) pending.claimNodes.add(node.node);
    return { id, props: left.length > 1 ? mergeClaims(left) : left[0], changed, created };
  });
}

async function writeClaimNodes(tx: WriteTransaction, items: c.ClaimedItems, settled: readonly Settled[], batchSize: number): Promise<void> {
  const query = c.writeClaims.get(items);
  if (!query) throw new Error(`no claims query for ${items}`);
  await inChunks(settled, batchSize, async (chunk) => {
    const [changed, created] = [chunk.flatMap((item) => item.changed), chunk.flatMap((item) => item.created)];
    if (changed.length + created.length > 0) await tx.run(query, { changed, created });
  });
}

async function readInChunks<K, R>(keys: readonly K[], size: number, read: (chunk: K[]) => Promise<R[]>): Promise<R[]> {
  const rows: R[] = [];
  await inChunks(keys, size, async (chunk) => {
    for (const row of await read(chunk)) rows.push(row);
  });
  return rows;
}

async function inChunks<T>(items: readonly T[], size: number, work: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < items.length; start += size) await work(items.slice(start, start + size));
}

function byId(records: readonly { id: string; props: Props }[]): Map<string, Props> {
  return new Map(records.map((record) => [record.id, record.props]));
}

/** Type and ends of a relation, from its id. */
export function relationKey(id: string): RelationKey {
  const parts = parseRelationId(id);
  if (!parts) throw new Error(`"${id}" is not a relation id`);
  return { id, type: parts.type as RelationType, from: parts.from, to: parts.to };
}
