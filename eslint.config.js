import js from '@eslint/js';
import tseslint from 'typescript-eslint';

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
);
