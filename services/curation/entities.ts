import { claimEntityId, lockEntity } from '../../cypher/curation.ts';
import { entitiesById } from '../../cypher/entities.ts';
import { ConstraintViolated } from '../../cypher/errors.ts';
import type { CypherExecutor, WriteTransaction } from '../../cypher/executor.ts';
import { existingEntities } from '../../cypher/ingest.ts';
import type { EntityRow } from '../../cypher/rows.ts';
import { claimantsOf } from '../../model/claims.ts';
import { entityFixtureOf, entityRecord } from '../../model/codec.ts';
import { InvalidInput, NotFound } from '../../model/errors.ts';
import { entityAmendmentSchema, entitySchema, type EntityAmendment } from '../../model/fixture-schema.ts';
import { CURATION_DATASET, NO_DEFAULT_SOURCE } from './dataset.ts';
import { atInput, parseAs, rejectProblems, type Edit, type Target } from './problems.ts';
import { lockClaims, PendingDeletions, writeEntityClaims } from '../ingest/claims.ts';
import { quoteProblemsInGraph } from './quotes.ts';
import { entityValues, recordCuratedChange, type Curator } from '../changes/record.ts';

function idTaken(id: string, by: string) {
  return new InvalidInput([{ path: ['input', 'id'], message: `"${id}" is taken by ${by}; choose another id, or use updateEntity` }]);
}

/** Writes a new entity, checked as a fixture entity is; BAD_USER_INPUT (nothing written) otherwise. Recorded as the curator's. */
export async function createEntity(executor: CypherExecutor, draft: unknown, curator: Curator): Promise<EntityRow> {
  const entity = parseAs(entitySchema, draft, atInput);
  // Quotes are checked against a document's stored text, which only a dataset load provides.
  if (entity.kind === 'Source') {
    throw new InvalidInput([{ path: ['input', 'kind'], message: 'a Source is a document with its text: add it in a dataset and load it (npm run load)' }]);
  }
  return executor.write(async (tx) => {
    // Before any other lock: a load takes this one first too (services/ingest/claims.ts).
    await lockClaims(tx);
    rejectProblems(await quoteProblemsInGraph(tx, entity.sources), atInput);
    const [taken] = await tx.run(existingEntities, { ids: [entity.id] });
    if (taken) throw idTaken(entity.id, `a ${taken.kind}`);
    try {
      await tx.run(claimEntityId, { id: entity.id });
    } catch (error) {
      // Another editor created the same id between our check and this write: the id constraint says so.
      if (error instanceof ConstraintViolated) throw idTaken(entity.id, 'another entity');
      throw error;
    }
    const written = await writeEntity(tx, entity);
    await recordCuratedChange(tx, { kind: 'createEntity', curator, item: entity.id, before: null, after: entityValues(written) });
    return written;
  });
}

/** Rewrites the target entity as `edit` makes it from its current fixture, checked as a new one is; recorded with the entity before and after. */
export async function updateEntity(executor: CypherExecutor, target: Target, edit: Edit<EntityAmendment>, curator: Curator): Promise<EntityRow> {
  return executor.write(async (tx) => {
    await lockClaims(tx);
    // Locked: a concurrent update waits for this one rather than writing over it from a stale read.
    const [row] = await tx.run(lockEntity, { id: target.id, dataset: CURATION_DATASET });
    if (!row) throw new NotFound(target.path, `No entity has the id "${target.id}".`);
    // A document's record (its text, URL, licence) comes from its dataset; an entity record would drop them.
    if (row.entity.basis != null) {
      throw new InvalidInput([{ path: target.path, message: `"${target.id}" is a source document of dataset "${row.entity.dataset}"; change it in that dataset's files` }]);
    }
    // An edit changes curation's claim. On an entity other datasets define, that says only what curators
    // changed or added (an amendment), so the others' words stay theirs; on one curation alone defines, all of it.
    const amends = claimantsOf(row.entity).some((dataset) => dataset !== CURATION_DATASET);
    const { id, kind } = row.entity;
    const current = row.own ? entityFixtureOf(row.own) : amends ? { id, kind, aliases: [], quantities: [] } : entityFixtureOf(row.entity);
    const { draft, locate } = edit(current);
    const entity = parseAs(amends ? entityAmendmentSchema : entitySchema, draft, locate);
    // Its relations were checked against its kind: an edit may change anything else.
    if (entity.id !== row.entity.id || entity.kind !== row.entity.kind) throw new Error(`an edit of entity ${target.id} changed its id or kind`);
    rejectProblems(await quoteProblemsInGraph(tx, entity.sources ?? []), locate);
    const written = await writeEntity(tx, entity);
    await recordCuratedChange(tx, { kind: 'updateEntity', curator, item: id, before: entityValues(row.entity), after: entityValues(written) });
    return written;
  });
}

/** The loader's record as curation's claim, merged with other datasets' claims as a load merges them. */
async function writeEntity(tx: WriteTransaction, entity: EntityAmendment): Promise<EntityRow> {
  const record = entityRecord(entity, CURATION_DATASET, NO_DEFAULT_SOURCE);
  const { id } = record;
  const pending = new PendingDeletions();
  await writeEntityClaims(tx, CURATION_DATASET, { put: [record], withdraw: [] }, pending);
  await pending.flush(tx);
  const [written] = await tx.run(entitiesById, { ids: [id] });
  if (!written) throw new Error(`entity ${id} is missing right after its write`);
  return written.entity;
}
