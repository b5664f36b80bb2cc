import type { ChangeMark } from '../../cypher/changes.ts';
import { MAX_LISTED_IDS } from '../../services/changes/record.ts';
import { CHANGE_KINDS, type ChangeKind, type LoggedChange } from '../../model/changes.ts';
import { builder } from '../builder.ts';
import { enumValues } from '../enum-values.ts';
import { ErrorCode, clientError } from '../errors.ts';

const KIND_DESCRIPTIONS: Readonly<Record<ChangeKind, string>> = {
  createEntity: 'An editor created an entity (`createEntity`).',
  updateEntity: 'An editor changed an entity (`updateEntity`).',
  createRelation: 'An editor created a relation (`createRelation`).',
  updateRelation: 'An editor changed a relation (`updateRelation`).',
  deleteRelation: 'An editor deleted a relation (`deleteRelation`).',
  attachSource: 'An editor added a source quote to an entity or a relation (`attachSource`).',
  loadDatasets: `One or more datasets were loaded (\`npm run load\`, or the seed at start): \`ids\` lists every item whose claims changed, or none when more than ${MAX_LISTED_IDS} did (then \`datasets\` says which were loaded; refetch what you show).`,
  unloadDatasets: `One or more datasets were removed (\`npm run unload\`): \`ids\` lists every item whose claims changed, or none when more than ${MAX_LISTED_IDS} did.`,
};

export const ChangeKindEnum = builder.enumType('ChangeKind', {
  description: 'What a change did: a curation mutation, or a load or removal of datasets.',
  values: enumValues(CHANGE_KINDS, (kind) => KIND_DESCRIPTIONS[kind], (kind) => kind.replace(/[A-Z]/g, (letter) => `_${letter}`).toUpperCase()),
});

export const Change = builder.objectRef<LoggedChange>('Change').implement({
  description:
    'One change of the knowledge graph, as the change log in Neo4j records it in the same transaction as the change: the audit trail of curated writes, and what live subscriptions deliver.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The stable id of this record; it stays the same when an export is loaded back.' }),
    sequence: t.string({
      description: "Its place in this database's log, as a decimal string: later changes have larger ones. Pass the last you have as `since` to get what came after.",
      resolve: (change) => String(change.sequence),
    }),
    at: t.exposeString('at', { description: 'When it was made: an ISO 8601 time in UTC, e.g. `2026-06-11T08:15:00.123Z`.' }),
    kind: t.field({ type: ChangeKindEnum, description: 'What it did.', resolve: (change) => change.kind }),
    editor: t.string({
      nullable: true,
      description: "Who made it: the editor's name from their token or JWT. Null for a load or removal of datasets, made outside the API.",
      resolve: (change) => change.editor,
    }),
    ids: t.idList({ description: 'The entities and relations it touched (a relation with its two entities).', resolve: (change) => change.ids }),
    datasets: t.stringList({ description: 'The datasets whose claims it changed ("curation" for an edit).', resolve: (change) => change.datasets }),
    before: t.string({
      nullable: true,
      description: 'The entity or relation as readers saw it before the change, as JSON in the fixture format (fields as in `entities.yaml`); null for a creation or a load.',
      resolve: (change) => change.before,
    }),
    after: t.string({ nullable: true, description: 'The same after the change; null for a deletion or a load.', resolve: (change) => change.after }),
    changedFields: t.stringList({
      description: 'The fields whose values differ between `before` and `after` (all of those given, for a creation or deletion).',
      resolve: (change) => changedFields(change.before, change.after),
    }),
    restored: t.exposeBoolean('restored', { description: 'Whether it came back from an export (`npm run load` of a curated export) rather than being made here.' }),
  }),
});

/** Who added a curated entity or relation and when, and who changed it last: from the change log. */
export const Curation = builder.objectRef<{ readonly first: ChangeMark; readonly last: ChangeMark }>('Curation').implement({
  description: 'Who added a curated fact and when, and who changed it last, from the audit trail (`changes`).',
  fields: (t) => ({
    addedBy: t.string({ nullable: true, description: 'The editor whose change first touched it (who created it, or first changed what a dataset says).', resolve: ({ first }) => first.editor }),
    addedAt: t.string({ description: 'When: an ISO 8601 time in UTC.', resolve: ({ first }) => first.at }),
    lastChangedBy: t.string({ nullable: true, description: 'The editor of its latest curated change.', resolve: ({ last }) => last.editor }),
    lastChangedAt: t.string({ description: 'When: an ISO 8601 time in UTC.', resolve: ({ last }) => last.at }),
  }),
});

/** A `since` argument: a sequence as `Change.sequence` gives it; null when not given. BAD_USER_INPUT otherwise. */
export function parseSince(since: string | null | undefined): number | null {
  if (since == null) return null;
  if (!/^\d{1,15}$/.test(since.trim())) {
    throw clientError(ErrorCode.BadUserInput, `\`since\`: "${since.slice(0, 40)}" is not a sequence; pass the \`sequence\` of the last change you have (a decimal string such as "42"), or "0" for the whole log.`, {
      argument: 'since',
    });
  }
  return Number(since.trim());
}

function changedFields(before: string | null, after: string | null): string[] {
  const [was, is] = [parseValues(before), parseValues(after)];
  const fields = [...new Set([...Object.keys(was), ...Object.keys(is)])];
  return fields.filter((field) => JSON.stringify(was[field]) !== JSON.stringify(is[field]));
}

function parseValues(json: string | null): Record<string, unknown> {
  return json === null ? {} : (JSON.parse(json) as Record<string, unknown>);
}
