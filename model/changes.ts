import { z } from 'zod';

/**
 * The change log: one record per curated write and per dataset load or removal, written in the same transaction
 * as the change (cypher/changes.ts). It is the audit trail (who, when, what it was before and after) and the
 * source of live changes: every server process on one Neo4j follows it by `sequence`.
 */

/** What a change did: one kind per curation mutation, and the two dataset commands. */
export const CHANGE_KINDS = [
  'createEntity',
  'updateEntity',
  'createRelation',
  'updateRelation',
  'deleteRelation',
  'attachSource',
  'loadDatasets',
  'unloadDatasets',
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** The kinds an editor makes through the API: what the curated export carries. */
export const CURATED_KINDS: readonly ChangeKind[] = ['createEntity', 'updateEntity', 'createRelation', 'updateRelation', 'deleteRelation', 'attachSource'];

/**
 * A change as it is kept and exported. `sequence` is its place in this database's log (assigned under one lock,
 * so commits come in sequence order); `id` names it for good, across an export and a restore, which gives a
 * restored record a new sequence. `before`/`after` are the item as readers saw it, in the fixture format, as JSON.
 */
export const changeRecordSchema = z.strictObject({
  id: z.string().min(1),
  at: z.iso.datetime({ offset: true }),
  kind: z.enum(CHANGE_KINDS),
  editor: z.string().min(1).nullable(),
  ids: z.array(z.string()),
  datasets: z.array(z.string()),
  before: z.string().nullable(),
  after: z.string().nullable(),
});
export type ChangeRecord = z.infer<typeof changeRecordSchema>;

/** A record read from the log, with its place in it; `restored` when a load brought it back from an export. */
export interface LoggedChange extends ChangeRecord {
  readonly sequence: number;
  readonly restored: boolean;
}

/** The file of an exported curated dataset that holds its change records. */
export const changesFileSchema = z.array(changeRecordSchema);
