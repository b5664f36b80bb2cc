import { deleteRelation as deleteRelationQuery, lockEntityKinds, lockRelation, relationById } from '../../cypher/curation.ts';
import type { CypherExecutor, WriteTransaction } from '../../cypher/executor.ts';
import type { RelationRow } from '../../cypher/rows.ts';
import { claimantsOf } from '../../model/claims.ts';
import { relationFixtureOf, relationRecord } from '../../model/codec.ts';
import { InvalidInput, NotFound } from '../../model/errors.ts';
import { relationAmendmentSchema, relationSchema, type RelationAmendment } from '../../model/fixture-schema.ts';
import { parseRelationId, relationId } from '../../model/relation-id.ts';
import { lockClaims, PendingDeletions, writeRelationClaims } from '../ingest/claims.ts';
import { relationProblems } from '../ingest/validate.ts';
import { CURATION_DATASET, NO_DEFAULT_SOURCE } from './dataset.ts';
import { atInput, parseAs, rejectProblems, type Edit, type Locate, type Target } from './problems.ts';
import { quoteProblemsInGraph } from './quotes.ts';
import { recordCuratedChange, relationValues, type Curator } from '../changes/record.ts';

type RelationKey = { from: string; to: string; id: string };

/** Writes a new relation, checked as a fixture relation is; BAD_USER_INPUT (nothing written) otherwise. */
export async function createRelation(executor: CypherExecutor, draft: unknown, curator: Curator): Promise<RelationRow> {
  const relation = parseAs(relationSchema, draft, atInput);
  return executor.write(async (tx) => {
    // Before any other lock: a load takes this one first too (services/ingest/claims.ts).
    await lockClaims(tx);
    await checkAgainstGraph(tx, relation, atInput);
    const key = keyOf(relation);
    if ((await tx.run(relationById, key)).length > 0) {
      const message = `a ${relation.type} relation from "${relation.from}" to "${relation.to}" exists already (id "${key.id}"); change it with updateRelation, or give this one a distinct key`;
      throw new InvalidInput([{ path: ['input', 'key'], message }]);
    }
    const written = await writeRelation(tx, relation);
    await recordCuratedChange(tx, { kind: 'createRelation', curator, item: key.id, ends: [key.from, key.to], before: null, after: relationValues(written) });
    return written;
  });
}

/**
 * Rewrites the target relation as `edit` makes it from its current fixture, checked as a new one
 * is. Its type and ends make its id, so they stay; to change them, delete it and create another.
 */
export async function updateRelation(executor: CypherExecutor, target: Target, edit: Edit<RelationAmendment>, curator: Curator): Promise<RelationRow> {
  const key = parseKey(target);
  return executor.write(async (tx) => {
    await lockClaims(tx);
    // Locked: a concurrent update waits for this one rather than writing over it from a stale read.
    const [row] = await tx.run(lockRelation, { ...key, dataset: CURATION_DATASET });
    if (!row) throw new NotFound(target.path, `No relation has the id "${target.id}".`);
    // An edit changes curation's claim: on a relation other datasets state, only what curators changed or added.
    const amends = claimantsOf(row.relation).some((dataset) => dataset !== CURATION_DATASET);
    const { type, from, to } = row.relation;
    const ends = { type, from: from.id, to: to.id, key: parseRelationId(target.id)?.key };
    const current = row.own ? relationFixtureOf({ ...row.own, type, from, to }) : amends ? ends : relationFixtureOf(row.relation);
    const { draft, locate } = edit(current);
    const relation = parseAs(amends ? relationAmendmentSchema : relationSchema, draft, locate);
    if (relationId(relation) !== target.id) throw new Error(`an edit of relation ${target.id} changed its type or ends`);
    await checkAgainstGraph(tx, relation, locate);
    const written = await writeRelation(tx, relation);
    await recordCuratedChange(tx, { kind: 'updateRelation', curator, item: key.id, ends: [key.from, key.to], before: relationValues(row.relation), after: relationValues(written) });
    return written;
  });
}

/** Deletes the target relation; NOT_FOUND if there is none. Recorded with the relation as it was. */
export async function deleteRelation(executor: CypherExecutor, target: Target, curator: Curator): Promise<string> {
  const key = parseKey(target);
  return executor.write(async (tx) => {
    await lockClaims(tx);
    const [existing] = await tx.run(relationById, key);
    const [row] = await tx.run(deleteRelationQuery, key);
    if (!existing || !row?.deleted) throw new NotFound(target.path, `No relation has the id "${target.id}".`);
    await recordCuratedChange(tx, { kind: 'deleteRelation', curator, item: key.id, ends: [key.from, key.to], before: relationValues(existing.relation), after: null });
    return target.id;
  });
}

/** What only the graph can tell: the ends exist (locked from here on), their kinds suit the type, the quotes are verbatim. */
async function checkAgainstGraph(tx: WriteTransaction, relation: RelationAmendment, locate: Locate): Promise<void> {
  const ids = [relation.from, relation.to, relation.effectFrom, relation.effectTo].filter((ref): ref is string => ref !== undefined);
  const kinds = new Map((await tx.run(lockEntityKinds, { ids: [...new Set(ids)] })).map((row) => [row.id, row.kind]));
  rejectProblems([...relationProblems(relation, kinds), ...(await quoteProblemsInGraph(tx, relation.sources ?? []))], locate);
}

/** The loader's record as curation's claim, merged with other datasets' claims as a load merges them. */
async function writeRelation(tx: WriteTransaction, relation: RelationAmendment): Promise<RelationRow> {
  const record = relationRecord(relation, CURATION_DATASET, NO_DEFAULT_SOURCE);
  const { id, from, to } = record;
  // The ends were locked when checked, so they cannot have gone; if they have, the write aborts the transaction.
  const pending = new PendingDeletions();
  await writeRelationClaims(tx, CURATION_DATASET, { put: [record], withdraw: [] }, pending);
  await pending.flush(tx);
  const [written] = await tx.run(relationById, { from, to, id });
  if (!written) throw new Error(`relation ${id} is missing right after its write`);
  return written.relation;
}

function keyOf(relation: RelationAmendment): RelationKey {
  return { from: relation.from, to: relation.to, id: relationId(relation) };
}

/** The ends named in a relation id, so the relation is found from its start node rather than by a scan. */
function parseKey({ id, path }: Target): RelationKey {
  const parts = parseRelationId(id);
  if (!parts) throw new InvalidInput([{ path, message: `"${id}" is not a relation id (such as "kyrgyzstan--signed--some-treaty")` }]);
  return { from: parts.from, to: parts.to, id };
}
