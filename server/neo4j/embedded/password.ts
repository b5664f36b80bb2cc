// The password of the embedded Neo4j's user `neo4j`. The launcher makes it on first start and keeps it in
// the data folder, readable by its owner only (see UserPassword.java); `npm start`, `npm run load` and
// the tests read it from there.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { EmbeddedLog } from './log.ts';

/** Community edition has one user that may do everything. */
export const EMBEDDED_USER = 'neo4j';
const PASSWORD_FILE = 'neo4j-password';
const OWNER_ONLY = 0o600;

/** Where the password of the Neo4j in `dataDir` is kept. */
export function passwordFileOf(dataDir: string): string {
  return path.join(dataDir, PASSWORD_FILE);
}

/**
 * The password of the Neo4j in `dataDir`. A file that others may read (a copy, a chmod) is made the
 * owner's alone again, with a warning: whoever could read it could have connected.
 */
export function readPassword(dataDir: string, log: EmbeddedLog): string {
  const file = passwordFileOf(dataDir);
  const mode = fs.statSync(file).mode & 0o777;
  if ((mode & ~OWNER_ONLY) !== 0) {
    fs.chmodSync(file, OWNER_ONLY);
    log.warn(`embedded Neo4j: ${file} was readable by others (mode ${mode.toString(8)}); it is 600 again. Delete it to have a new password made.`);
  }
  const password = fs.readFileSync(file, 'utf8').trim();
  if (password === '') throw new Error(`embedded Neo4j: ${file} is empty; delete it to have a new password made`);
  return password;
}
