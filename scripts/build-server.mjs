// Bundles the sync server (server/src/main.ts, shared/ and the packages it uses) into dist/server/: ES modules run
// by plain node. No TypeScript loader at start-up (tsx's transform cost the server most of a second), and a few
// files instead of node_modules' hundreds. main.js holds only what starts the embedded engine's thread; the rest
// are chunks it imports while the engine starts (server/src/main.ts, db/open.ts). PGlite stays a package (it
// loads its WASM from beside its own entry point), and the engine's worker (plain JavaScript) is copied next to
// the bundle, where pglite-thread.ts finds it.
// `node scripts/build-server.mjs [--out DIR]` builds (another DIR is for looking at the output: the bundle finds the
// repository, its template cache and PGlite from dist/server only); scripts/server.mjs and the test setups call
// ensureServerBuild(), which builds only when a source is newer than the bundle.
import { builtinModules } from 'node:module';
import { closeSync, copyFileSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, realpathSync, renameSync, rmSync, statSync, utimesSync, writeSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
export const SERVER_BUILD_DIR = path.join(root, 'dist/server');
const external = [...builtinModules, ...builtinModules.map((m) => `node:${m}`), '@electric-sql/pglite', /^@electric-sql\/pglite\//, 'pg-native'];
/** What the bundle is made of: a change to any of these makes it stale. */
const SOURCES = ['server/src', 'shared', 'package-lock.json', 'scripts/build-server.mjs'];

function newestMtime(file) {
  let stat;
  try {
    stat = statSync(file);
  } catch (err) {
    if (err.code === 'ENOENT') return 0; // gone since it was listed (an editor's temp file, a dangling link)
    throw err;
  }
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

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

/** One build at a time per output dir (two servers started after a pull, parallel test files): a lock file with our pid. */
async function withBuildLock(outDir, work) {
  const lock = `${outDir}.build-lock`;
  mkdirSync(path.dirname(outDir), { recursive: true });
  for (let waited = 0; ; waited += 200) {
    try {
      const fd = openSync(lock, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      let pid = 0;
      try { pid = Number.parseInt(readFileSync(lock, 'utf8'), 10); } catch { /* just removed */ }
      if (pid > 0 && !alive(pid)) rmSync(lock, { force: true }); // a build that was killed
      else if (waited > 300_000) throw new Error(`another server build (process ${pid}) has held ${lock} for 5 minutes`);
      else await sleep(200);
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lock, { force: true });
  }
}

/**
 * Build into a staging dir, then move the chunks in and main.js last (each rename replaces one file at once):
 * a server starting meanwhile loads the old main.js with its old chunks or the new one with its new chunks,
 * because chunk names carry their content's hash. Chunks no build has used for a day are removed.
 */
export async function buildServer(outDir = SERVER_BUILD_DIR) {
  const { build } = await import('vite'); // only when building: vite is a dev dependency and slow to load
  const staging = `${outDir}.${process.pid}`;
  const started = new Date(); // the bundle is as new as the sources it read: a file saved during the build stays newer
  rmSync(staging, { recursive: true, force: true });
  try {
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
        target: 'node22', // the oldest supported line (Node 22 LTS; 24 is the target)
        minify: false,
        sourcemap: true,
        // ASCII only (rolldown escapes non-ASCII text; comments, where the rest was, are left out: the source maps keep
        // them): V8 holds each chunk's source while the server runs, one byte a character instead of two (~3 MB).
        rollupOptions: { external, output: { format: 'es', entryFileNames: 'main.js', chunkFileNames: '[name]-[hash].js', charset: 'ascii', comments: false } },
      },
    });
    copyFileSync(path.join(root, 'server/src/db/pglite-worker.mjs'), path.join(staging, 'pglite-worker.mjs'));
    mkdirSync(outDir, { recursive: true });
    const files = readdirSync(staging);
    for (const file of files.filter((f) => f !== 'main.js')) renameSync(path.join(staging, file), path.join(outDir, file));
    renameSync(path.join(staging, 'main.js'), path.join(outDir, 'main.js'));
    utimesSync(path.join(outDir, 'main.js'), started, started);
    const dayAgo = Date.now() - 86_400_000;
    for (const file of readdirSync(outDir)) {
      if (files.includes(file)) continue;
      const at = path.join(outDir, file);
      if (statSync(at).mtimeMs < dayAgo) rmSync(at, { force: true });
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** Build unless current; true when it built. */
export async function ensureServerBuild(outDir = SERVER_BUILD_DIR) {
  if (serverBuildIsCurrent(outDir)) return false;
  return withBuildLock(outDir, async () => {
    if (serverBuildIsCurrent(outDir)) return false; // built by whoever held the lock before us
    await buildServer(outDir);
    return true;
  });
}

const invokedPath = process.argv[1] ? realpathSync(process.argv[1]) : '';
if (import.meta.url === pathToFileURL(invokedPath).href) {
  const outFlag = process.argv.indexOf('--out');
  const outDir = outFlag > 0 && process.argv[outFlag + 1] ? path.resolve(process.argv[outFlag + 1]) : SERVER_BUILD_DIR;
  await withBuildLock(outDir, () => buildServer(outDir));
  console.log(`server: ${path.relative(root, outDir) || '.'}/main.js`);
}
