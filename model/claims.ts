import { nameProps, STATED_TIME_KEYS, stored, TIME_KEYS, type Props } from './codec.ts';
import { CURATION_DATASET } from './fixture-schema.ts';

/**
 * Several datasets may claim one entity or relation. Each claim is what that dataset alone would store
 * (model/codec.ts); the item itself stores their merge, so that every read, index and search works on
 * it unchanged. The merge rule:
 * - claims are ranked: the curated dataset first (a curator's edit is the latest human word), then the
 *   others by dataset id, so the result does not depend on the order datasets were loaded in;
 * - a single value (a description, a time span, a role…) is that of the first claim that states it;
 *   a time span is one value, never a start from one claim and an end from another;
 * - the name is the first claim's; every other claim's name and all aliases become aliases, so a
 *   name any dataset uses still finds the item;
 * - source quotes are the union of all claims', each once.
 * Lists (aliases, quotes) go in rank order too, but with curation's last: a curator's value replaces, a
 * curator's alias or quote adds. `datasets` lists the claimants in rank order; `dataset` is the first of them.
 * A curated claim on an item other datasets define holds only what the curator changed (an amendment, see
 * model/fixture-schema.ts), so it never stands alone.
 */

/** Compares dataset ids in rank order. */
export function byRank(a: string, b: string): number {
  if (a === b) return 0;
  if (a === CURATION_DATASET) return -1;
  if (b === CURATION_DATASET) return 1;
  return a < b ? -1 : 1;
}

/** Claims ranked (see above); a claim without a dataset (none is stored so) would go last. */
export function ranked<T extends { readonly dataset?: unknown }>(claims: readonly T[]): T[] {
  const datasetOf = (claim: T) => (typeof claim.dataset === 'string' ? claim.dataset : '\uffff');
  return [...claims].sort((a, b) => byRank(datasetOf(a), datasetOf(b)));
}

/** Keys the merge treats as a whole rather than first-that-states-it. */
const MERGED_APART = new Set(['hash', 'dataset', 'datasets', 'name', 'aliases', 'aliasText', 'sourceIds', 'sourceQuotes', ...TIME_KEYS]);

/** The props of an item that at least two datasets claim, with `datasets` and its hash. */
export function mergeClaims(claims: readonly Props[]): Props {
  const order = ranked(claims);
  const merged: Props = {};
  for (const claim of order) {
    for (const key in claim) {
      if (!MERGED_APART.has(key) && merged[key] == null && claim[key] != null) merged[key] = claim[key];
    }
  }
  // The span of the first claim that states one, with the bounds derived from it; else an undated claim's bounds
  // (every day there is), which as-of questions need on every item.
  const dated = order.find((claim) => STATED_TIME_KEYS.some((key) => claim[key] != null)) ?? order.find((claim) => TIME_KEYS.some((key) => claim[key] != null));
  for (const key of TIME_KEYS) merged[key] = dated?.[key] ?? null;

  const lists = [...order.filter((claim) => claim.dataset !== CURATION_DATASET), ...order.filter((claim) => claim.dataset === CURATION_DATASET)];
  const primary = order.find((claim) => typeof claim.name === 'string');
  if (primary) {
    const name = String(primary.name);
    const names = lists.flatMap((claim) => [...(typeof claim.name === 'string' ? [claim.name] : []), ...stringList(claim.aliases)]);
    Object.assign(merged, nameProps(name, unique(names).filter((alias) => alias !== name)));
  }
  Object.assign(merged, unionOfSources(lists));
  merged.dataset = order[0]?.dataset ?? null;
  merged.datasets = order.map((claim) => String(claim.dataset));
  return stored(merged);
}

/** The datasets that claim an item, in rank order. */
export function claimantsOf(item: { readonly dataset?: string | null; readonly datasets?: readonly string[] | null }): string[] {
  return item.datasets ? [...item.datasets] : item.dataset ? [item.dataset] : [];
}

/** Whether a claim can be an item on its own: an entity's with a name, a description and a source; a relation's with a source. */
export function standsAlone(claim: Props): boolean {
  const sourced = stringList(claim.sourceIds).length > 0;
  return claim.kind == null ? sourced : sourced && claim.name != null && claim.description != null;
}

/**
 * Each quote with its document, once. A document's own record lists itself with no quote, so the two lists
 * are walked as pairs that may lack their quote.
 */
function unionOfSources(claims: readonly Props[]): Props {
  const seen = new Set<string>();
  const sourceIds: string[] = [];
  const sourceQuotes: string[] = [];
  for (const claim of claims) {
    const ids = stringList(claim.sourceIds);
    const quotes = stringList(claim.sourceQuotes);
    for (let index = 0; index < Math.max(ids.length, quotes.length); index++) {
      const [id, quote] = [ids[index], quotes[index]];
      const pair = JSON.stringify([id ?? null, quote ?? null]);
      if (seen.has(pair)) continue;
      seen.add(pair);
      if (id !== undefined) sourceIds.push(id);
      if (quote !== undefined) sourceQuotes.push(quote);
    }
  }
  return { sourceIds, sourceQuotes };
}

/**
 * The fields on which claims disagree: at least two claims state the field, with different values. `fields`
 * maps each field to the stored keys that make it up.
 */
export function disputedFields<F extends string>(claims: readonly Props[], fields: Readonly<Record<F, readonly string[]>>): F[] {
  return (Object.keys(fields) as F[]).filter((field) => {
    const keys = fields[field];
    const stated = claims.filter((claim) => keys.some((key) => claim[key] != null));
    return new Set(stated.map((claim) => JSON.stringify(keys.map((key) => claim[key] ?? null)))).size > 1;
  });
}

/** The single-valued fields of an entity and of a relation, by the keys they are stored in. */
export const ENTITY_FIELDS = {
  name: ['name'],
  description: ['description'],
  category: ['category'],
  status: ['status'],
  time: STATED_TIME_KEYS,
  quantities: ['quantities'],
} as const satisfies Record<string, readonly string[]>;

export const RELATION_FIELDS = {
  role: ['role'],
  effect: ['effect'],
  effectFrom: ['effectFrom'],
  effectTo: ['effectTo'],
  time: STATED_TIME_KEYS,
  note: ['note'],
} as const satisfies Record<string, readonly string[]>;

function stringList(value: Props[string] | undefined): string[] {
  return Array.isArray(value) ? value : [];
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
