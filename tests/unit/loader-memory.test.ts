// A dataset too large for Neo4j's transaction memory: Neo4j calls the refusal transient, but a load
// retried would only fail again after as long. The loader must stop at once and say what to change,
// whether the refusal comes during its writes or at the commit.
import neo4j, { type Driver, type ManagedTransaction } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { CypherExecutor } from '../../cypher/executor.ts';
import { loadDataset } from '../../services/ingest/load.ts';

const INVENTED_DIR = 'tests/fixtures/invented-border';
const REFUSAL = new neo4j.Neo4jError(
  'The allocation of an extra 2.0 MiB would use more than the limit 1.4 GiB. Currently using 1.4 GiB. dbms.memory.transaction.total.max threshold reached',
  'Neo.TransientError.General.MemoryPoolOutOfMemoryError',
  '51N72',
  'error: system configuration or operation exception - memory pool out of memory',
);

/** A driver whose reads find nothing and whose writes are refused while creating entities, or at the commit. */
function refusingDriver(when: 'writing' | 'commit'): Driver {
  const tx = {
    run: async (text: string, params: { rows?: unknown[] }) => {
      if (when === 'writing' && text.includes('CREATE (e:Entity')) throw REFUSAL;
      // Relations created: as many as asked for.
      const written = text.includes('AS written') ? [{ toObject: () => ({ written: params.rows?.length }) }] : [];
      return { records: written };
    },
  } as unknown as ManagedTransaction;
  const session = {
    run: tx.run,
    executeRead: (work: (tx: ManagedTransaction) => Promise<unknown>) => work(tx),
    executeWrite: async (work: (tx: ManagedTransaction) => Promise<unknown>) => {
      await work(tx);
      throw REFUSAL;
    },
    close: async () => {},
  };
  return { session: () => session } as unknown as Driver;
}

describe('a load larger than Neo4j allows a transaction', () => {
  it.each(['writing', 'commit'] as const)('refused while %s: fails at once, not retried, saying what to change', async (when) => {
    const executor = new CypherExecutor(refusingDriver(when), { database: 'neo4j', timeoutMs: 1_000 });
    const failure = loadDataset(executor, INVENTED_DIR).catch((error: unknown) => error);
    const error = await failure;
    expect(error).toBeInstanceOf(Error);
    expect(neo4j.isRetryableError(error as Error)).toBe(false);
    expect((error as Error).message).toMatch(/too large for Neo4j's transaction memory; nothing was written.*NEO4J_EMBEDDED_HEAP.*1\.4 GiB/s);
    expect((error as Error).cause).toBe(REFUSAL);
  });
});
