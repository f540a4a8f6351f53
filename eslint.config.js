// Lint rules, including the import boundaries that keep the layers of docs/architecture.md true.
// Boundaries are allow-lists (eslint-plugin-boundaries, `default: 'disallow'`): an import passes only when a policy
// below names its target, so a new folder or package is refused until someone decides where it may be used.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import boundaries from 'eslint-plugin-boundaries';

/** Pure libraries shared/ may use: it must run unchanged in the browser, Electron and Node. */
const SHARED_LIBRARIES = ['zod', 'uuid', 'mdast', 'mdast-util-*', 'micromark-*', 'hast', 'hast-util-*', 'yaml'];
/** The renderer is a web app: it reaches the desktop only through renderer/src/platform, never these. */
const NOT_IN_RENDERER = ['electron', 'electron-store', 'pg', 'fastify', '@fastify/*', 'kysely', '@electric-sql/pglite', 'ws', 'nodemailer'];
const NOT_IN_ELECTRON = ['react', 'react-dom', 'dexie', 'dexie-react-hooks', 'zustand', 'pg', 'fastify', '@fastify/*', 'kysely', '@electric-sql/pglite'];
const NOT_IN_SERVER = ['electron', 'electron-store', 'react', 'react-dom', 'dexie', 'dexie-react-hooks', 'zustand', 'recharts'];

const element = (types) => ({ element: { types: { anyOf: types } } });
const external = (source) => ({ module: { origin: 'external', source } });
const nodeBuiltin = { module: { origin: 'core' } };

/** Where each element may import from (besides itself, allowed for every element). */
const policies = [
  // Every file may import files of its own element: a feature's own modules (one element per feature folder), and
  // within each layer or room (a pattern per file there, so each names itself).
  { allow: { dependency: { relationship: { to: 'internal' } } } },
  ...['electron', 'server', 'renderer-platform', 'renderer-db', 'renderer-core', 'renderer-components', 'renderer-app']
    .map((type) => ({ from: element([type]), allow: { to: element([type]) } })),
  { from: element(['shared']), allow: { to: [element(['shared']), external(SHARED_LIBRARIES)] } },
  { from: element(['electron']), allow: { to: [element(['shared']), { module: { origin: 'external' } }, nodeBuiltin] } },
  { from: element(['electron']), disallow: { to: external(NOT_IN_ELECTRON) } },
  { from: element(['server']), allow: { to: [element(['shared']), { module: { origin: 'external' } }, nodeBuiltin] } },
  { from: element(['server']), disallow: { to: external(NOT_IN_SERVER) } },
  // The renderer's rooms, bottom up: platform and db, the core kernel, shared components, features, the app shell.
  { from: element(['renderer-*']), allow: { to: [element(['shared']), { module: { origin: 'external' } }] } },
  { from: element(['renderer-*']), disallow: { to: external(NOT_IN_RENDERER) } },
  { from: element(['renderer-core']), allow: { to: element(['renderer-db', 'renderer-platform']) } },
  { from: element(['renderer-components']), allow: { to: element(['renderer-core']) } },
  {
    from: element(['renderer-feature']),
    allow: {
      to: [
        element(['renderer-core', 'renderer-db', 'renderer-platform', 'renderer-components']),
        // Another feature only through its index.ts: what it chose to offer, never its internals.
        { element: { type: 'renderer-feature', fileInternalPath: 'index.ts' } },
      ],
    },
  },
  { from: element(['renderer-app']), allow: { to: element(['renderer-*']) } },
];

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
    files: ['{shared,renderer,electron,server}/**/*.{ts,tsx}'],
    // Tests may reach across (fixtures in test/, vitest, the module under test's internals); build configs are not layers.
    ignores: ['**/*.test.{ts,tsx}', 'renderer/vite.config.ts'],
    plugins: { boundaries },
    settings: {
      'import/resolver': { typescript: { project: './tsconfig.json' }, node: true },
      'boundaries/include': ['{shared,renderer,electron,server}/**/*.{ts,tsx}'],
      'boundaries/ignore': ['**/*.test.{ts,tsx}'],
      'boundaries/elements': [
        { type: 'shared', pattern: 'shared/**', partialMatch: false },
        { type: 'renderer-core', pattern: 'renderer/src/core/**', partialMatch: false },
        { type: 'renderer-db', pattern: 'renderer/src/db/**', partialMatch: false },
        { type: 'renderer-platform', pattern: 'renderer/src/platform/**', partialMatch: false },
        { type: 'renderer-components', pattern: 'renderer/src/components/**', partialMatch: false },
        { type: 'renderer-feature', pattern: 'renderer/src/features/*', capture: ['feature'] },
        // The shell. (The entry files beside the rooms, main.tsx and App.tsx, are in no element: an element is a
        // folder, and renderer/src as one would swallow the rooms.)
        { type: 'renderer-app', pattern: 'renderer/src/app/**', partialMatch: false },
        { type: 'electron', pattern: 'electron/**', partialMatch: false },
        { type: 'server', pattern: 'server/**', partialMatch: false },
      ],
    },
    rules: {
      'boundaries/dependencies': ['error', { default: 'disallow', checkAllOrigins: true, policies }],
    },
  },
);
