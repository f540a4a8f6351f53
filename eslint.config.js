// Lint rules, including the import rules that keep the layers of docs/architecture.md true.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const platformModules = [
  'electron', 'electron-store', 'react', 'react-dom', 'dexie', 'dexie-react-hooks', 'zustand', 'recharts',
  'fs', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'url',
  'pg', 'fastify', 'ws', 'kysely', '@electric-sql/pglite',
];
const nodeBuiltins = { group: ['node:*'], message: 'Node built-ins are platform-specific.' };
const layer = (name) => ({ group: [`**/${name}/**`, `../${name}`, `../../${name}`], message: `This layer must not import ${name}/ (see docs/architecture.md).` });

export default tseslint.config(
  { ignores: ['node_modules', 'dist', '**/dist', 'data', 'release', 'test-results', 'playwright-report', 'bench-results'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['shared/**/*.{ts,tsx}'],
    ignores: ['shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: platformModules.map((name) => ({ name, message: 'shared/ is runtime-neutral: no platform modules.' })),
        patterns: [nodeBuiltins, layer('renderer'), layer('electron'), layer('server')],
      }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/vite.config.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: ['electron', 'electron-store', 'pg', 'fastify', 'kysely', '@electric-sql/pglite', 'fs', 'path', 'child_process']
          .map((name) => ({ name, message: 'The renderer is a web app: reach the platform through renderer/platform.' })),
        patterns: [nodeBuiltins, layer('electron'), layer('server')],
      }],
    },
  },
  {
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: ['electron', 'electron-store', 'react', 'react-dom', 'dexie', 'zustand']
          .map((name) => ({ name, message: 'server/ imports only shared/ and its own modules.' })),
        patterns: [layer('renderer'), layer('electron')],
      }],
    },
  },
  {
    files: ['electron/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: ['react', 'react-dom', 'dexie', 'pg', 'fastify', 'kysely', '@electric-sql/pglite']
          .map((name) => ({ name, message: 'electron/ imports only shared/ and its own modules.' })),
        patterns: [layer('renderer'), layer('server')],
      }],
    },
  },
);
