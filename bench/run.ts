import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadConfig } from '../server/config.ts';
import { runBenchmark, stagingOf } from './benchmark.ts';
import { importOffline, ingest, ingestSeed, loadingExecutor } from './ingest.ts';
import { requireEmbeddedForImport, startBenchNeo4j } from './neo4j.ts';
import { parseCli } from './options.ts';
import { ingestTable, resultsTable, variantsTable, writeReport } from './report.ts';
import { runSoak, soakSummary } from './soak.ts';
import { generateSynthetic } from './synthetic.ts';
import { judge } from './targets.ts';

/**
 * `npm run bench`: a Neo4j of its own (the usual way: NEO4J_URI, a container, or embedded, in a
 * fresh folder on a free port), the benchmark, then the table on stdout and the report in
 * bench/results/. Progress goes to stderr.
 */
async function main(): Promise<void> {
  const started = performance.now();
  const options = parseCli(process.argv.slice(2));
  const log = (line: string) => console.error(`bench ${((performance.now() - started) / 1_000).toFixed(0).padStart(4)} s: ${line}`);
  const config = loadConfig();
  if (options.importer) requireEmbeddedForImport(config);
  if (options.importer && options.ingestOnly) {
    const { parsed } = generateSynthetic({ entities: options.scale });
    log(`synthetic: importing ${parsed.entities.length} entities and ${parsed.relations.length} relations offline`);
    const { neo4j, report } = await importOffline(parsed, options.scale, log);
    try {
      console.log(ingestTable([report, await ingestSeed(loadingExecutor(neo4j))]));
    } finally {
      await neo4j.stop();
    }
    return;
  }
  // With the importer, this Neo4j holds the seed alone, for the headline at seed scale; the rest runs on the imported one.
  const neo4j = await startBenchNeo4j(options.importer ? 0 : options.scale, options.oneTransaction, log);
  try {
    log(`neo4j: ${neo4j.description}`);
    if (options.soakSeconds !== undefined) {
      const soak = await runSoak({
        target: neo4j.target,
        driver: neo4j.driver,
        scale: options.scale,
        seconds: options.soakSeconds,
        connections: options.load.connections,
        poolSize: config.NEO4J_POOL_SIZE,
        timeoutMs: config.NEO4J_TX_TIMEOUT_MS,
        oneTransaction: options.oneTransaction,
        log,
      });
      const summary = soakSummary(soak);
      console.log(summary);
      await mkdir(options.outDir, { recursive: true });
      await writeFile(path.join(options.outDir, `${options.name}.json`), `${JSON.stringify(soak, null, 2)}\n`);
      await writeFile(path.join(options.outDir, `${options.name}.md`), summary);
      return;
    }
    if (options.ingestOnly) {
      const executor = loadingExecutor(neo4j, 6 * 60 * 60_000);
      const seed = await ingestSeed(executor);
      const { parsed } = generateSynthetic({ entities: options.scale });
      log(`synthetic: loading ${parsed.entities.length} entities and ${parsed.relations.length} relations`);
      console.log(ingestTable([seed, await ingest(executor, parsed, stagingOf(options))]));
      return;
    }
    const result = await runBenchmark({
      target: neo4j.target,
      driver: neo4j.driver,
      scale: options.scale,
      load: options.load,
      poolSize: config.NEO4J_POOL_SIZE,
      timeoutMs: config.NEO4J_TX_TIMEOUT_MS,
      log,
      ...(neo4j.pid === undefined ? {} : { neo4jPid: neo4j.pid }),
      ...(options.cpuProfileDir ? { cpuProfileDir: options.cpuProfileDir } : {}),
      oneTransaction: options.oneTransaction,
      variants: options.variants,
      variantsOnly: options.variantsOnly,
      ...(options.starts === undefined ? {} : { starts: options.starts }),
      ...(options.importer ? { importer: { stopGiven: () => neo4j.stop(), importSynthetic: (parsed) => importOffline(parsed, options.scale, log) } } : {}),
    });
    const elapsed = (performance.now() - started) / 1_000;
    console.log(resultsTable(result));
    console.log();
    if (result.variants.length > 0) console.log(`${variantsTable(result)}\n`);
    for (const verdict of judge(result)) console.log(`${verdict.met ? 'met   ' : 'MISSED'}  ${verdict.target}: ${verdict.detail}`);
    const written = await writeReport(result, elapsed, options.outDir, options.name);
    log(`wrote ${written.join(' and ')} in ${elapsed.toFixed(0)} s`);
  } finally {
    await neo4j.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`bench: ${describe(error)}`);
  process.exit(1);
});

/** The error with its chain of causes: fetch, for one, hides the socket error in `cause`. */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.cause === undefined ? (error.stack ?? error.message) : `${error.stack ?? error.message}\ncaused by: ${describe(error.cause)}`;
}
