import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { int, type Driver } from 'neo4j-driver';
import { backfillSortKeys } from './sort-keys-backfill.ts';
import { backfillTimeBounds } from './time-bounds-backfill.ts';

const MIGRATIONS_DIR = path.join(import.meta.dirname, 'migrations');

export interface Migration {
  readonly id: string;
  readonly statements: readonly string[];
}

/**
 * What a migration does beyond its statements, in code, after them: rewriting stored data by rules the code
 * owns (the storage codec), which Cypher would have to repeat.
 */
const DATA_STEPS: Readonly<Record<string, (driver: Driver, database: string) => Promise<void>>> = {
  '005-time-bounds': backfillTimeBounds,
  '009-entity-date-order': backfillSortKeys,
};

/** The migrations in the order they apply: `NNN-name.cypher`, statements ended by `;`. */
export async function readMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((file) => file.endsWith('.cypher')).sort();
  return Promise.all(
    files.map(async (file) => {
      const text = await readFile(path.join(dir, file), 'utf8');
      const statements = text
        .split('\n')
        .filter((line) => !line.trimStart().startsWith('//'))
        .join('\n')
        .split(';')
        .map((statement) => statement.trim())
        .filter((statement) => statement.length > 0);
      return { id: file.replace(/\.cypher$/, ''), statements };
    }),
  );
}

/**
 * Applies the migrations not yet recorded in the database, then waits for indexes to come
 * online so that the first queries after start use them. Each statement is idempotent
 * (IF NOT EXISTS), and so is each data step, so a migration interrupted half-way is simply applied again.
 * Schema commands cannot share a transaction with writes, so this runs outside the executor.
 */
export async function migrate(driver: Driver, database: string, { indexWaitSeconds = 60 }: { readonly indexWaitSeconds?: number } = {}): Promise<string[]> {
  const applied = new Set(
    (await driver.executeQuery('MATCH (m:Migration) RETURN m.id AS id', {}, { database })).records.map((r) => String(r.get('id'))),
  );
  const pending = (await readMigrations()).filter((migration) => !applied.has(migration.id));
  for (const migration of pending) {
    for (const statement of migration.statements) {
      await driver.executeQuery(statement, {}, { database });
    }
    await DATA_STEPS[migration.id]?.(driver, database);
    await driver.executeQuery('MERGE (m:Migration {id: $id}) ON CREATE SET m.appliedAt = datetime()', { id: migration.id }, { database });
  }
  // Seconds, not minutes, for a database the loader filled; a store the offline importer wrote fills its indexes here.
  await driver.executeQuery('CALL db.awaitIndexes($seconds)', { seconds: int(indexWaitSeconds) }, { database });
  return pending.map((migration) => migration.id);
}
