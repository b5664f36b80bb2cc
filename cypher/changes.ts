import type { ChangeKind, ChangeRecord, LoggedChange } from '../model/changes.ts';
import { cypher } from './query.ts';

/**
 * The change log (model/changes.ts, migration 007). Sequences come from one counter node: a write locks it while
 * it records its change and keeps the lock until it commits, so two writers can neither take the same sequence nor
 * commit out of order, and a reader that has seen sequence n has seen every change before it.
 */

/** A change to record; `at` null: now (the transaction's time). `subject`: the item a curated change is about, for who-and-when. */
export type ChangeToRecord = Omit<ChangeRecord, 'at'> & { readonly at: string | null; readonly subject: string | null; readonly restored: boolean };

/**
 * Records changes (those whose id the log does not hold yet) with the next sequences, in the order given. Locks
 * the counter first (`SET … REMOVE` changes nothing but takes the node's write lock), then reads it.
 */
export const recordChanges = cypher<{ changes: readonly ChangeToRecord[] }, { sequence: number }>(
  'changes.record',
  `MERGE (counter:ChangeCounter {id: 'changes'})
   SET counter._lock = true REMOVE counter._lock
   WITH counter, [change IN $changes WHERE NOT EXISTS { MATCH (:Change {id: change.id}) }] AS fresh
   WITH counter, fresh, coalesce(counter.last, 0) AS base
   SET counter.last = base + size(fresh)
   WITH base, fresh
   UNWIND range(0, size(fresh) - 1) AS i
   WITH base + i + 1 AS sequence, fresh[i] AS change
   CREATE (c:Change {id: change.id, sequence: sequence, at: coalesce(datetime(change.at), datetime.transaction()), kind: change.kind,
     editor: change.editor, ids: change.ids, datasets: change.datasets, before: change.before, after: change.after, restored: change.restored,
     subject: change.subject})
   RETURN c.sequence AS sequence`,
);

const CHANGE = `c {.id, .sequence, .kind, .editor, .ids, .datasets, .before, .after, at: toString(c.at), restored: coalesce(c.restored, false)}`;

/** What a list of changes may be narrowed to; null: not narrowed. */
export type ChangeFilter = { ids: readonly string[] | null; editor: string | null; madeSince: string | null };

const MATCHING = `($ids IS NULL OR any(id IN c.ids WHERE id IN $ids))
   AND ($editor IS NULL OR c.editor = $editor)
   AND ($madeSince IS NULL OR c.at >= datetime($madeSince))`;

/**
 * The changes after sequence `$after`, oldest first, one more than `$first` (to tell whether more follow). A range
 * seek on the sequence index in its order; the filters are checked on each change from there, so a narrow filter
 * reads the log from the cursor on.
 */
type ChangeWindow = ChangeFilter & { after: number; before: number | null; first: number };

export const changesAfter = cypher<ChangeWindow, { change: LoggedChange }>(
  'changes.after',
  `MATCH (c:Change) WHERE c.sequence > $after AND ($before IS NULL OR c.sequence < $before) AND ${MATCHING}
   WITH c ORDER BY c.sequence LIMIT toInteger($first) + 1
   RETURN ${CHANGE} AS change`,
);

/** The last `first` (and one more, to tell whether earlier ones exist) of the window, newest first: a page read backwards. */
export const changesBefore = cypher<ChangeWindow, { change: LoggedChange }>(
  'changes.before',
  `MATCH (c:Change) WHERE c.sequence > $after AND ($before IS NULL OR c.sequence < $before) AND ${MATCHING}
   WITH c ORDER BY c.sequence DESC LIMIT toInteger($first) + 1
   RETURN ${CHANGE} AS change`,
);

/** How many changes match, from the start of the log: read only when a client asks for `totalCount`. */
export const changesCount = cypher<ChangeFilter, { total: number }>(
  'changes.count',
  `MATCH (c:Change) WHERE c.sequence > 0 AND ${MATCHING}
   RETURN count(c) AS total`,
);

/** The last sequence handed out and committed: where a follower that wants only what comes next starts. */
export const lastSequence = cypher<Record<string, never>, { last: number }>(
  'changes.last',
  `OPTIONAL MATCH (n:ChangeCounter {id: 'changes'})
   RETURN coalesce(n.last, 0) AS last`,
);

/** Every change of these kinds, oldest first: what the curated export writes. */
export const changesOfKinds = cypher<{ kinds: readonly ChangeKind[] }, { change: LoggedChange }>(
  'changes.ofKinds',
  `MATCH (c:Change) WHERE c.sequence > 0 AND c.kind IN $kinds
   WITH c ORDER BY c.sequence
   RETURN ${CHANGE} AS change`,
);

/** Who and when, for one curated change of an item. */
export type ChangeMark = { readonly editor: string | null; readonly at: string; readonly kind: ChangeKind };

/** The first and the last curated change of each item, by its id; nulls for an item no editor has changed. */
export const curationOf = cypher<{ ids: readonly string[] }, { id: string; first: ChangeMark | null; last: ChangeMark | null }>(
  'changes.curationOf',
  `UNWIND $ids AS id
   OPTIONAL MATCH (c:Change {subject: id})
   WITH id, c ORDER BY c.sequence
   WITH id, collect(c {.editor, .kind, at: toString(c.at)}) AS marks
   RETURN id, marks[0] AS first, marks[-1] AS last`,
);

/** Which of these entities, and relations (found from their start nodes), exist. */
export const existingItems = cypher<{ entityIds: readonly string[]; relations: readonly { id: string; from: string; to: string }[] }, { id: string }>(
  'changes.existingItems',
  `CALL () {
     UNWIND $entityIds AS id
     MATCH (e:Entity {id: id})
     RETURN e.id AS id
     UNION ALL
     UNWIND $relations AS row
     MATCH (:Entity {id: row.from})-[r {id: row.id}]->(:Entity {id: row.to})
     RETURN r.id AS id
   }
   RETURN id`,
);
