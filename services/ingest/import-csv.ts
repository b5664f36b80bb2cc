import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { EMPTY_LIST_MARKER } from '../../cypher/offline-import.ts';
import type { Props } from '../../model/codec.ts';
import type { DatasetClaims } from './write-datasets.ts';

/**
 * A dataset as the files of Neo4j's offline importer (`neo4j-admin database import full`), holding every entity and
 * relation with the properties the codec gives them, as a transactional load stores them:
 * - nodes: `id:ID`, `:LABEL` (`Entity` and the kind), then one typed column per property; relations: `:START_ID`,
 *   `:END_ID`, `:TYPE`, then theirs;
 * - Neo4j's driver sends every JavaScript number as a float, so numbers are `double`; strings are quoted, so an
 *   empty string stays one, and an unquoted empty field (null) stores no property, as `SET n = props` does;
 * - the importer cannot store an empty list, so an empty list column `k` writes `true` in the marker column
 *   `EMPTY_LIST_MARKER + k` instead, which `emptyListFixups` turns back into `[]` after the import.
 */
export interface ImportFiles {
  readonly nodes: string;
  readonly relationships: string;
  readonly arrayDelimiter: string;
  /** Property names that some item holds as an empty list, and the marker columns saying which items. */
  readonly emptyLists: { readonly nodes: readonly string[]; readonly relationships: readonly string[] };
}

/** The importer's list delimiter: a control character no name, quote or id contains. */
export const ARRAY_DELIMITER = '\u001f';

type ColumnType = 'string' | 'double' | 'boolean' | 'string[]';

export async function writeImportFiles(dataset: DatasetClaims, dir: string): Promise<ImportFiles> {
  const nodes = path.join(dir, 'nodes.csv');
  const relationships = path.join(dir, 'relationships.csv');
  // A node's id is its `id:ID` column, not a property column too.
  const nodeLists = await writeCsv(
    nodes,
    ['id:ID', ':LABEL'],
    dataset.entities,
    (entity) => [quote(entity.id), quote(['Entity', entity.kind].join(ARRAY_DELIMITER))],
    (entity) => entity.props,
    'id',
  );
  const relationLists = await writeCsv(
    relationships,
    [':START_ID', ':END_ID', ':TYPE'],
    dataset.relations,
    (relation) => [quote(relation.from), quote(relation.to), relation.type],
    (relation) => relation.props,
  );
  return { nodes, relationships, arrayDelimiter: ARRAY_DELIMITER, emptyLists: { nodes: nodeLists, relationships: relationLists } };
}

/** Lines gathered before each write to the file: one write per line made a million-entity dataset's files take minutes. */
const LINES_PER_WRITE = 1_000;

/**
 * Writes a header of `fixed` columns and one typed column per property any row has (typed by the first non-null
 * value), `skip` aside, then the rows. Returns the properties that some row holds as an empty list.
 */
async function writeCsv<T>(
  file: string,
  fixed: readonly string[],
  rows: readonly T[],
  fixedOf: (row: T) => string[],
  propsOf: (row: T) => Props,
  skip?: string,
): Promise<string[]> {
  const types = new Map<string, ColumnType>();
  const emptyLists = new Set<string>();
  for (const row of rows) {
    const props = propsOf(row);
    for (const key in props) {
      const value = props[key];
      if (value === null || value === undefined || key === skip) continue;
      if (!types.has(key)) types.set(key, typeOf(value));
      if (Array.isArray(value) && value.length === 0) emptyLists.add(key);
    }
  }
  const keys = [...types.keys()];
  const markers = [...emptyLists];
  function* text(): Generator<string> {
    yield `${[...fixed, ...keys.map((key) => `${key}:${types.get(key)}`), ...markers.map((key) => `${EMPTY_LIST_MARKER}${key}:boolean`)].join(',')}\n`;
    let lines: string[] = [];
    for (const row of rows) {
      const props = propsOf(row);
      const cells = keys.map((key) => cell(props[key], types.get(key)));
      const marks = markers.map((key) => (Array.isArray(props[key]) && props[key].length === 0 ? 'true' : ''));
      lines.push([...fixedOf(row), ...cells, ...marks].join(','));
      if (lines.length === LINES_PER_WRITE) {
        yield `${lines.join('\n')}\n`;
        lines = [];
      }
    }
    if (lines.length > 0) yield `${lines.join('\n')}\n`;
  }
  // A pipeline waits for the file's drain and finish, and ends both sides on an error from either (a refused cell, a full disk).
  await pipeline(Readable.from(text()), createWriteStream(file));
  return markers;
}

function typeOf(value: NonNullable<Props[string]>): ColumnType {
  if (Array.isArray(value)) return 'string[]';
  if (typeof value === 'number') return 'double';
  if (typeof value === 'boolean') return 'boolean';
  return 'string';
}

function cell(value: Props[string] | undefined, type: ColumnType | undefined): string {
  if (value === null || value === undefined) return '';
  if (type !== typeOf(value)) throw new Error(`import files: a property holds a ${typeOf(value)} where others hold a ${String(type)}`);
  if (Array.isArray(value)) {
    if (value.some((item) => item.includes(ARRAY_DELIMITER))) throw new Error(`import files: a list item holds the list delimiter U+001F`);
    return value.length === 0 ? '' : quote(value.join(ARRAY_DELIMITER));
  }
  return typeof value === 'string' ? quote(value) : String(value);
}

function quote(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}
