// Bundles the sync server (server/src/main.ts, shared/ and the packages it uses) into dist/server/: ES modules run
// by plain node. No TypeScript loader at start-up (tsx's transform cost the server most of a second), and a few
// files instead of node_modules' hundreds. main.js holds only what starts the embedded engine's thread; the rest
// are chunks it imports while the engine starts (server/src/main.ts, db/open.ts). PGlite stays a package (it
// loads its WASM from beside its own entry point), and the engine's worker (plain JavaScript) is copied next to
// the bundle, where pglite-thread.ts finds it.
// `node scripts/build-server.mjs [--out DIR]` builds; scripts/server.mjs and the test setups call
// ensureServerBuild(), which builds only when a source is newer than the bundle.
import { builtinModules } from 'node:module';
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
export const SERVER_BUILD_DIR = path.join(root, 'dist/server');
const external = [...builtinModules, ...builtinModules.map((m) => `node:${m}`), '@electric-sql/pglite', /^@electric-sql\/pglite\//, 'pg-native'];
/** What the bundle is made of: a change to any of these makes it stale. */
const SOURCES = ['server/src', 'shared', 'package-lock.json', 'scripts/build-server.mjs'];

function newestMtime(file) {
  const stat = statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(file)) newest = Math.max(newest, newestMtime(path.join(file, entry)));
  return newest;
}

/** The bundle is there and no source changed since it was built. */
export function serverBuildIsCurrent(outDir = SERVER_BUILD_DIR) {
  const entry = path.join(outDir, 'main.js');
  if (!existsSync(entry)) return false;
  const built = statSync(entry).mtimeMs;
  return SOURCES.every((s) => newestMtime(path.join(root, s)) <= built);
}

export async function buildServer(outDir = SERVER_BUILD_DIR) {
  const { build } = await import('vite'); // only when building: vite is a dev dependency and slow to load
  // Built beside the output and put in its place at once, so a start never sees half a build.
  const staging = `${outDir}.${process.pid}`;
  await build({
    root,
    configFile: false,
    logLevel: 'warn',
    publicDir: false,
    ssr: { noExternal: true, target: 'node' },
    resolve: { alias: { '@shared': path.join(root, 'shared') } },
    build: {
      ssr: 'server/src/main.ts',
      outDir: staging,
      emptyOutDir: true,
      target: 'node20',
      minify: false,
      sourcemap: true,
      rollupOptions: { external, output: { format: 'es', entryFileNames: 'main.js', chunkFileNames: '[name]-[hash].js' } },
    },
  });
  copyFileSync(path.join(root, 'server/src/db/pglite-worker.mjs'), path.join(staging, 'pglite-worker.mjs'));
  mkdirSync(path.dirname(outDir), { recursive: true });
  const previous = `${outDir}.old.${process.pid}`;
  if (existsSync(outDir)) renameSync(outDir, previous);
  renameSync(staging, outDir);
  rmSync(previous, { recursive: true, force: true });
}

/** Build unless current; true when it built. */
export async function ensureServerBuild(outDir = SERVER_BUILD_DIR) {
  if (serverBuildIsCurrent(outDir)) return false;
  await buildServer(outDir);
  return true;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const outFlag = process.argv.indexOf('--out');
  const outDir = outFlag > 0 && process.argv[outFlag + 1] ? path.resolve(process.argv[outFlag + 1]) : SERVER_BUILD_DIR;
  await buildServer(outDir);
  console.log(`server: ${path.relative(root, outDir) || '.'}/main.js`);
}
