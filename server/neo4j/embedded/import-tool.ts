// Neo4j's offline importer (`neo4j-admin database import full`, from org.neo4j:neo4j-import-tool, a dependency of
// the launcher in neo4j-embedded/pom.xml), run on an embedded Neo4j's data folder
// before the DBMS starts: it writes the store directly, with no transactions, and only into an empty database.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensureLauncherBuilt, LAUNCHER_CLASSPATH } from './build.ts';
import { describeExit } from './format.ts';
import { LineTail, onLines } from './lines.ts';

/** neo4j-embedded/src/main/java/tianshan/neo4j/OfflineImport.java: the admin tool's import, given the home as an argument. */
const IMPORT_MAIN_CLASS = 'tianshan.neo4j.OfflineImport';
const DATABASE = 'neo4j';

export interface ImportToolFiles {
  readonly nodes: string;
  readonly relationships: string;
  /** The one character between a list's items in a cell. */
  readonly arrayDelimiter: string;
}

export interface ImportToolOptions {
  /** JVM -Xmx of the importer; it keeps its large buffers off the heap. @default '1g' */
  readonly heap?: string;
  readonly log: (line: string) => void;
}

/** Imports the files into the default database of the embedded Neo4j whose home is `dataDir`; refused unless that database is empty. */
export async function runImportTool(dataDir: string, files: ImportToolFiles, options: ImportToolOptions): Promise<void> {
  if (fs.existsSync(path.join(dataDir, 'data', 'databases', DATABASE, 'neostore'))) {
    throw new Error(`offline import: ${dataDir} already holds a database; the importer writes only into an empty one (a new data folder)`);
  }
  await ensureLauncherBuilt(options.log);
  const child = spawn(
    'java',
    [
      `-Xmx${options.heap ?? '1g'}`,
      '-cp',
      LAUNCHER_CLASSPATH,
      IMPORT_MAIN_CLASS,
      dataDir,
      DATABASE,
      `--nodes=${files.nodes}`,
      `--relationships=${files.relationships}`,
      `--array-delimiter=${files.arrayDelimiter}`,
      // Documents carry their whole text, line breaks and all.
      '--multiline-fields=true',
      '--high-parallel-io=on',
    ],
    { cwd: dataDir, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const tail = new LineTail(20);
  const keep = (line: string) => {
    tail.push(line);
    if (/^(IMPORT|Imported|\s+\d+ (nodes|relationships|properties)|Peak memory)/.test(line)) options.log(`offline import: ${line.trim()}`);
  };
  onLines(child.stdout, keep);
  onLines(child.stderr, keep);
  const [code, signal] = (await new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (exitCode, exitSignal) => resolve([exitCode, exitSignal]));
  })) as [number | null, NodeJS.Signals | null];
  if (code !== 0) throw new Error(`offline import: the importer ${describeExit(code, signal)}:\n${tail.lines().join('\n')}`);
}
