import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import type { z } from 'zod';
import { FixtureError, messageOf } from '../../model/errors.ts';
import {
  datasetSchema,
  entitiesFileSchema,
  relationsFileSchema,
  type DatasetFixture,
  type EntityFixture,
  type RelationFixture,
} from '../../model/fixture-schema.ts';

/** A dataset as parsed from its folder, each document with its text. Not yet cross-checked. */
export interface ParsedDataset {
  readonly dir: string;
  readonly dataset: DatasetFixture;
  readonly texts: ReadonlyMap<string, string>;
  readonly entities: readonly EntityFixture[];
  readonly relations: readonly RelationFixture[];
}

const FILES = { dataset: 'dataset.yaml', entities: 'entities.yaml', relations: 'relations.yaml' } as const;

/** Reads and shape-checks a dataset folder; every problem names the file, the item and the field. */
export async function readDataset(dir: string): Promise<ParsedDataset> {
  const problems: string[] = [];
  const [dataset, entities, relations] = await Promise.all([
    readYaml(dir, FILES.dataset, datasetSchema, problems),
    readYaml(dir, FILES.entities, entitiesFileSchema, problems),
    readYaml(dir, FILES.relations, relationsFileSchema, problems),
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
