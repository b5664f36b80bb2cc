import { changesAfter, changesBefore, changesCount, existingItems, type ChangeFilter } from '../../cypher/changes.ts';
import type { CypherExecutor } from '../../cypher/executor.ts';
import type { LoggedChange } from '../../model/changes.ts';
import { NotFound } from '../../model/errors.ts';
import { parseRelationId } from '../../model/relation-id.ts';

export type { ChangeFilter };

export const NO_FILTER: ChangeFilter = { ids: null, editor: null, madeSince: null };

/** Where a page of the log lies: after one sequence, before another (null for the end), `first` from its start or, `backward`, its end. */
export interface ChangeWindow {
  readonly after: number;
  readonly before: number | null;
  readonly first: number;
  readonly backward: boolean;
}

/**
 * A page of the log, oldest first: the changes in the window that match, and whether more lie beyond the
 * page on the side it was read from (after it forwards, before it backwards).
 */
export async function readChanges(executor: CypherExecutor, filter: ChangeFilter, window: ChangeWindow): Promise<{ changes: LoggedChange[]; hasMore: boolean }> {
  const params = { ...filter, after: window.after, before: window.before, first: window.first };
  const rows = await executor.read(window.backward ? changesBefore : changesAfter, params);
  const page = rows.slice(0, window.first).map((row) => row.change);
  return { changes: window.backward ? page.reverse() : page, hasMore: rows.length > window.first };
}

export async function countChanges(executor: CypherExecutor, filter: ChangeFilter): Promise<number> {
  const [row] = await executor.read(changesCount, filter);
  return row?.total ?? 0;
}

/** NOT_FOUND naming every id that is neither an entity nor a relation now: a subscription to it would never hear anything. */
export async function requireExistingItems(executor: CypherExecutor, ids: readonly string[], argument: string): Promise<void> {
  const relations = ids.flatMap((id) => {
    const parts = parseRelationId(id);
    return parts ? [{ id, from: parts.from, to: parts.to }] : [];
  });
  const entityIds = ids.filter((id) => !parseRelationId(id));
  const found = new Set((await executor.read(existingItems, { entityIds, relations })).map((row) => row.id));
  const unknown = ids.filter((id) => !found.has(id));
  if (unknown.length > 0) {
    const named = unknown.map((id) => `"${id}"`).join(', ');
    throw new NotFound([argument], `No entity or relation has the id ${named}: give ids of entities (e.g. "kyrgyzstan") or relations (\`relationId\`) that exist.`);
  }
}
