import { changesAfter, changesCount, existingItems, type ChangeFilter } from '../../cypher/changes.ts';
import type { CypherExecutor } from '../../cypher/executor.ts';
import type { LoggedChange } from '../../model/changes.ts';
import { NotFound } from '../../model/errors.ts';
import { parseRelationId } from '../../model/relation-id.ts';

export type { ChangeFilter };

export const NO_FILTER: ChangeFilter = { ids: null, editor: null, madeSince: null };

/** A page of the log: the changes after sequence `after` that match, oldest first, and whether more follow. */
export async function readChanges(executor: CypherExecutor, filter: ChangeFilter, after: number, first: number): Promise<{ changes: LoggedChange[]; hasNext: boolean }> {
  const rows = await executor.read(changesAfter, { ...filter, after, first });
  return { changes: rows.slice(0, first).map((row) => row.change), hasNext: rows.length > first };
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
