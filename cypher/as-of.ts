import { AFTER_ALL_DAYS } from '../model/time-bounds.ts';

/**
 * As-of filters, as Cypher fragments over the time bounds every entity and relation stores (model/time-bounds.ts).
 * A question names days, `$asOfFrom` to `$asOfTo` (one day, or every day of a month or a year); both are null
 * when no date is asked, and then every fragment lets everything through and ranks nothing.
 *
 * A fact's rank at those days:
 * - 3, certain: it held on one of those days whatever its imprecise bounds turn out to be (it started by the
 *   last of them at the latest, and ended on the first of them at the earliest);
 * - 2, possible: its bounds allow it (it may have started by the last day and may have ended no earlier than the first);
 * - 1, undated: it has no time span, so nothing rules it in or out;
 * - 0: its bounds rule it out.
 *
 * An answer states one fact (an entity in a list, the relation of an edge, a treaty in force…) and depends on
 * others (the entities a relation joins, the containment an area is reached by): those limit it. A limit that is
 * dated and ruled out drops the answer, one that is only possible makes it possible, and an undated one (a lake,
 * a range, most places) sets no limit. An answer ranks as its weakest part, and is kept when every part is
 * (see `kept`).
 */
export type AsOfParams = {
  /** The first and last day asked about, as day keys; both null when no date is asked. */
  asOfFrom: number | null;
  asOfTo: number | null;
  /** 3 to keep certain facts only, 2 for possible ones too. */
  minRank: number;
  /** Whether undated facts (rank 1) are kept. */
  undated: boolean;
};

/** No date asked: what list queries get when the client gives no `asOf`. */
export const NO_AS_OF: AsOfParams = { asOfFrom: null, asOfTo: null, minRank: 0, undated: true };

const UNDATED_START = AFTER_ALL_DAYS;

/** The rank of the fact bound to `x` (a node or a relationship); null when no date is asked. */
export function rankOf(x: string): string {
  return `CASE WHEN $asOfFrom IS NULL THEN null
    WHEN ${x}.startLatest <= $asOfTo AND ${x}.endEarliest >= $asOfFrom THEN 3
    WHEN ${x}.startEarliest <= $asOfTo AND ${x}.endLatest >= $asOfFrom THEN CASE WHEN ${x}.startLatest >= ${UNDATED_START} THEN 1 ELSE 2 END
    ELSE 0 END`;
}

/** The rank of `x` as a limit on another fact: as rankOf, but an undated limit ranks as certain. */
export function limitOf(x: string): string {
  return `CASE WHEN $asOfFrom IS NOT NULL AND ${x}.startLatest >= ${UNDATED_START} THEN 3 ELSE ${rankOf(x)} END`;
}

/** The weakest of ranks (expressions); null when no date is asked. */
export function weakest(ranks: readonly string[]): string {
  return `CASE WHEN $asOfFrom IS NULL THEN null ELSE ${weakestIn(`[${ranks.join(', ')}]`)} END`;
}

/** The weakest rank in a list (an expression), 3 when it is empty. */
export function weakestIn(list: string): string {
  return `reduce(weakest = 3, rank IN ${list} | CASE WHEN rank < weakest THEN rank ELSE weakest END)`;
}

/**
 * Whether an answer whose parts rank `ranks` (expressions; best bound to variables first) is kept: always when no
 * date is asked; else when each part is certain, or possible if `$minRank` allows it, or undated if `$undated`
 * does. Each part must pass, so that a certain-only question never keeps an answer with one part only possible.
 */
export function kept(ranks: readonly string[]): string {
  return `($asOfFrom IS NULL OR (${ranks.map((rank) => `(${rank} >= $minRank OR (${rank} = 1 AND $undated))`).join(' AND ')}))`;
}

/** `kept` for parts given as one list (an expression): each must pass. */
export function keptAll(list: string): string {
  return `($asOfFrom IS NULL OR all(rank IN ${list} WHERE rank >= $minRank OR (rank = 1 AND $undated)))`;
}

/**
 * The condition an index on (startEarliest, endLatest) seeks on: every fact that may have held on the days asked,
 * undated ones included (their bounds are the widest). Ranks are taken on what it finds.
 */
export function mayHold(x: string): string {
  return `${x}.startEarliest <= $asOfTo AND ${x}.endLatest >= $asOfFrom`;
}
