import { sourceTextsById } from '../../cypher/source-texts.ts';
import type { WriteTransaction } from '../../cypher/executor.ts';
import type { Problem } from '../../model/errors.ts';
import type { SourceRefFixture } from '../../model/fixture-schema.ts';
import { quoteProblems } from '../ingest/validate.ts';

/**
 * The loader's quote check (each quote verbatim in its document) against the texts the loader
 * stored on the Source nodes, read in the writing transaction so they cannot change meanwhile.
 */
export async function quoteProblemsInGraph(tx: WriteTransaction, sources: readonly SourceRefFixture[]): Promise<Problem[]> {
  const ids = [...new Set(sources.flatMap((source) => (source.source === undefined ? [] : [source.source])))];
  const rows = await tx.run(sourceTextsById, { ids });
  const texts = new Map(rows.flatMap((row) => (row.text === null ? [] : [[row.id, row.text] as const])));
  const textless = new Set(rows.filter((row) => row.text === null).map((row) => row.id));
  return quoteProblems(sources, texts).map((problem) => {
    const source = sources[Number(problem.path[1])]?.source;
    // A Source loaded before texts were stored is not unknown: say how to fix it.
    return source !== undefined && textless.has(source)
      ? { ...problem, message: `document "${source}" has no stored text to check quotes against; load its dataset again to store it` }
      : problem;
  });
}
