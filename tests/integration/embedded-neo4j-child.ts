// Child process for the orphan test in embedded-neo4j.test.ts: starts the embedded Neo4j, prints
// `JVM_PID <pid>` on stdout and then just stays alive until the test SIGKILLs it.
import { startEmbeddedNeo4j } from '../../server/neo4j/embedded/index.ts';

const dataDir = process.argv[2];
if (dataDir === undefined) {
  console.error('usage: embedded-neo4j-child.ts <dataDir>');
  process.exit(2);
}

const neo4j = await startEmbeddedNeo4j({ dataDir, heap: '512m', pageCache: '64m' });
// startEmbeddedNeo4j unrefs the JVM so a forgetful script can still end; this one must not end on its
// own, or its 'exit' handler (not the stdin EOF this test is about) would stop the JVM.
setInterval(() => {}, 60_000);
process.stdout.write(`JVM_PID ${neo4j.pid}\n`);
