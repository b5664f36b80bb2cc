import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import type { z } from 'zod';
import { changesFileSchema, type ChangeRecord } from '../../model/changes.ts';
import { FixtureError, messageOf } from '../../model/errors.ts';
import {
  amendmentsFileSchemas,
  CURATION_DATASET,
  datasetSchema,
  entitiesFileSchema,
  relationsFileSchema,
  type DatasetFixture,
  type EntityAmendment,
  type EntityFixture,
  type RelationAmendment,
  type RelationFixture,
} from '../../model/fixture-schema.ts';

/** A dataset as parsed from its folder, each document with its text. Not yet cross-checked. */
export interface ParsedDataset<E extends EntityAmendment = EntityFixture, R extends RelationAmendment = RelationFixture> {
  readonly dir: string;
  readonly dataset: DatasetFixture;
  readonly texts: ReadonlyMap<string, string>;
  readonly entities: readonly E[];
  readonly relations: readonly R[];
}

/**
 * What the loader takes: any dataset, or an export of curated facts, whose items may be amendments
 * (model/fixture-schema.ts) and which may carry the change records of the audit trail (`changes.yaml`).
 */
export type LoadableDataset = ParsedDataset<EntityAmendment, RelationAmendment> & { readonly changes?: readonly ChangeRecord[] };

export const FILES = { dataset: 'dataset.yaml', entities: 'entities.yaml', relations: 'relations.yaml', changes: 'changes.yaml' } as const;

const WHOLE = { entities: entitiesFileSchema, relations: relationsFileSchema };

/** Reads and shape-checks a dataset folder of whole fixtures; every problem names the file, the item and the field. */
export async function readDataset(dir: string): Promise<ParsedDataset> {
  return readFolder(dir, () => WHOLE);
}

/** The same for any folder the loader takes: the curated dataset's items may be amendments. */
export async function readLoadableDataset(dir: string): Promise<LoadableDataset> {
  const parsed = await readFolder<EntityAmendment, RelationAmendment>(dir, (id) => (id === CURATION_DATASET ? amendmentsFileSchemas : WHOLE));
  if (parsed.dataset.id !== CURATION_DATASET || !(await isFile(path.join(dir, FILES.changes)))) return parsed;
  const problems: string[] = [];
  const changes = await readYaml(dir, FILES.changes, changesFileSchema, problems);
  if (!changes) throw new FixtureError(problems);
  return { ...parsed, changes };
}

type ItemSchemas<E, R> = { readonly entities: z.ZodType<E[]>; readonly relations: z.ZodType<R[]> };

async function readFolder<E extends EntityAmendment, R extends RelationAmendment>(dir: string, schemasFor: (datasetId: string) => ItemSchemas<E, R>): Promise<ParsedDataset<E, R>> {
  const problems: string[] = [];
  const dataset = await readYaml(dir, FILES.dataset, datasetSchema, problems);
  const schemas = schemasFor(dataset?.id ?? '');
  const [entities, relations] = await Promise.all([
    readYaml(dir, FILES.entities, schemas.entities, problems),
    readYaml(dir, FILES.relations, schemas.relations, problems),
  ]);
  const texts = new Map<string, string>();
  for (const document of dataset?.documents ?? []) {
    try {
      texts.set(document.id, await readFile(path.resolve(dir, document.file), 'utf8'));
    } catch (error) {
      problems.push(`${FILES.dataset}: document "${document.id}": file: cannot read ${document.file} (${messageOf(error)})`);
    }
  }
  if (problems.length > 0 || !dataset || !entities || !relations) throw new FixtureError(problems);
  return { dir, dataset, texts, entities, relations };
}

/**
 * The dataset folders `dir` stands for: itself when it holds a dataset.yaml, else each folder in it that does
 * (as `npm run export` writes them), in name order.
 */
export async function datasetFolders(dir: string): Promise<string[]> {
  if (await isFile(path.join(dir, FILES.dataset))) return [dir];
  const entries = await readdir(dir, { withFileTypes: true }).catch((error: unknown) => {
    throw new FixtureError([`${dir}: cannot read it (${messageOf(error)})`]);
  });
  const folders = entries.filter((entry) => entry.isDirectory()).map((entry) => path.join(dir, entry.name)).sort();
  const datasets = (await Promise.all(folders.map(async (folder) => ((await isFile(path.join(folder, FILES.dataset))) ? [folder] : [])))).flat();
  if (datasets.length === 0) throw new FixtureError([`${dir}: no ${FILES.dataset} in it, nor in any folder in it`]);
  return datasets;
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch (error) {
    // Not there (or a path through a file): not a dataset. Anything else, such as no permission, says so.
    if (error instanceof Error && 'code' in error && (error.code === 'ENOENT' || error.code === 'ENOTDIR')) return false;
    throw error;
  }
}

async function readYaml<T>(dir: string, file: string, schema: z.ZodType<T>, problems: string[]): Promise<T | undefined> {
  let raw: unknown;
  try {
    raw = parse(await readFile(path.join(dir, file), 'utf8'));
  } catch (error) {
    problems.push(`${file}: ${messageOf(error).split('\n')[0]}`);
    return undefined;
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) problems.push(`${file}: ${describePath(raw, issue.path)}: ${issue.message}`);
  return undefined;
}

/** "entity "ili-valley" (#12), field time.precision" rather than a bare array index. */
function describePath(raw: unknown, issuePath: readonly PropertyKey[]): string {
  const [index, ...rest] = issuePath;
  const field = rest.length > 0 ? `field ${rest.map(String).join('.')}` : 'the item';
  if (typeof index !== 'number' || !Array.isArray(raw)) return `field ${issuePath.map(String).join('.') || '(root)'}`;
  const item: unknown = raw[index];
  const label = isRecord(item)
    ? typeof item.id === 'string'
      ? `entity "${item.id}"`
      : `relation ${String(item.type)} ${String(item.from)} -> ${String(item.to)}`
    : 'item';
  return `${label} (#${index + 1}), ${field}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
