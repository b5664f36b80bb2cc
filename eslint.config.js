import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/**
 * The layers a request passes through, top to bottom (README, "Code map"). Each may import the
 * layers below it and never one above; the graph model at the bottom imports nothing of ours.
 */
const LAYERS = ['server', 'schema', 'services', 'cypher', 'model'];

/** Code that no layer may import: tests, the benchmark and the scripts around the server. */
const OUTSIDE = ['tests', 'bench'];

const upwardImports = LAYERS.map((layer, depth) => ({
  target: `./${layer}`,
  from: [...LAYERS.slice(0, depth), ...OUTSIDE].map((folder) => `./${folder}`),
  message: `${layer}/ is below ${LAYERS.slice(0, depth).join(', ') || 'nothing of ours'} on a request's path: it may import only ${LAYERS.slice(depth + 1).join(', ') || 'packages'} (see the README's code map).`,
}));

export default tseslint.config(
  { ignores: ['node_modules/', 'neo4j-embedded/target/', '.neo4j/', 'bench/results/', 'dist/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read configuration through server/config.ts.' }],
    },
  },
  {
    // The one module that reads the environment, and tests that set it for a child process.
    files: ['server/config.ts', 'tests/**', 'bench/**'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    // Imports point down the request's path, and never in a circle.
    files: ['**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      // Our imports name their files ('./builder.ts'); the plugin must parse .ts files to follow them.
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js'] })],
    },
    rules: {
      'import-x/no-cycle': 'error',
      'import-x/no-restricted-paths': ['error', { zones: upwardImports }],
    },
  },
);
