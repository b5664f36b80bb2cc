import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // graphql 16 ships CommonJS and ESM side by side without an `exports` map: Node (and so Pothos
    // and Yoga) load the CommonJS one, Vite would pick the ESM one for test files. One instance only.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    // Integration files share one Neo4j and some of them empty it: run files one at a time
    // (a root-only option; unit files are quick either way).
    fileParallelism: false,
    // The load test measures heap after a full GC: the only reading that is not noise (root-only too).
    pool: 'forks',
    poolOptions: { forks: { execArgv: ['--expose-gc'] } },
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          // One real Neo4j for the whole run: NEO4J_URI, else a container, else the embedded one.
          globalSetup: ['tests/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 900_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          // Chromium (or a one-line skip, and under CI a failure without it), the pages' build, and a Neo4j of its own.
          globalSetup: ['tests/browser/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 900_000,
        },
      },
    ],
  },
});
