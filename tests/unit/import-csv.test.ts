import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ARRAY_DELIMITER, writeImportFiles } from '../../services/ingest/import-csv.ts';
import type { DatasetClaims } from '../../services/ingest/write-datasets.ts';

const D = ARRAY_DELIMITER;
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'tianshan-import-csv-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const dataset: DatasetClaims = {
  id: 'd',
  entities: [
    { id: 'a', kind: 'State', props: { id: 'a', kind: 'State', name: 'Say "A", then B', aliases: ['x', 'y'], note: '', startYear: 1870, flag: true } },
    { id: 'b', kind: 'Person', props: { id: 'b', kind: 'Person', name: 'B', aliases: [], note: null, startYear: null, flag: null } },
  ],
  relations: [{ id: 'a--signed--b', type: 'SIGNED', from: 'a', to: 'b', props: { id: 'a--signed--b', sourceIds: ['s'] } }],
};

describe("the offline importer's files", () => {
  it('type each column, quote strings (so an empty one stays), leave null empty and mark empty lists', async () => {
    const files = await writeImportFiles(dataset, dir);
    expect((await readFile(files.nodes, 'utf8')).split('\n')).toEqual([
      'id:ID,:LABEL,kind:string,name:string,aliases:string[],note:string,startYear:double,flag:boolean,importEmptyList_aliases:boolean',
      `"a","Entity${D}State","State","Say ""A"", then B","x${D}y","",1870,true,`,
      `"b","Entity${D}Person","Person","B",,,,,true`,
      '',
    ]);
    expect((await readFile(files.relationships, 'utf8')).split('\n')).toEqual([':START_ID,:END_ID,:TYPE,id:string,sourceIds:string[]', '"a","b",SIGNED,"a--signed--b","s"', '']);
    expect(files.emptyLists).toEqual({ nodes: ['aliases'], relationships: [] });
  });

  it('refuse a list item holding the delimiter, and a property of two types', async () => {
    const withDelimiter = { ...dataset, relations: [], entities: [{ id: 'c', kind: 'State' as const, props: { id: 'c', aliases: [`p${D}q`] } }] };
    await expect(writeImportFiles(withDelimiter, dir)).rejects.toThrow(/delimiter/);
    const mixed = { ...dataset, relations: [], entities: [{ id: 'c', kind: 'State' as const, props: { id: 'c', x: 1 } }, { id: 'e', kind: 'State' as const, props: { id: 'e', x: 'one' } }] };
    await expect(writeImportFiles(mixed, dir)).rejects.toThrow(/a string where others hold a double/);
    const listInStrings = { ...dataset, relations: [], entities: [{ id: 'c', kind: 'State' as const, props: { id: 'c', x: 'one' } }, { id: 'e', kind: 'State' as const, props: { id: 'e', x: ['one'] } }] };
    await expect(writeImportFiles(listInStrings, dir)).rejects.toThrow(/a string\[\] where others hold a string/);
  });
});
