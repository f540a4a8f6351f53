// Bundles the Electron main process and the sandboxed preload into dist/electron/ (CommonJS, one file each).
import { build } from 'vite';
import { builtinModules } from 'node:module';
import { cpSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// `--out DIR` builds elsewhere (the bundle test builds into a temp folder).
const outFlag = process.argv.indexOf('--out');
const outDir = outFlag > 0 && process.argv[outFlag + 1] ? path.resolve(process.argv[outFlag + 1]) : `${root}dist/electron`;
const external = ['electron', ...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

/** One self-contained CommonJS bundle: every dependency (zod, electron-store) is inlined. */
const bundle = (entry, fileName) =>
  build({
    root,
    configFile: false,
    logLevel: 'warn',
    publicDir: false,
    ssr: { noExternal: true, target: 'node' },
    resolve: { alias: { '@shared': `${root}shared` } },
    build: {
      ssr: `electron/${entry}`,
      outDir,
      emptyOutDir: false,
      target: 'node22', // Electron 45 ships Node 22
      minify: false,
      sourcemap: true,
      rollupOptions: {
        external,
        output: { format: 'cjs', entryFileNames: fileName, codeSplitting: false },
      },
    },
  });

await bundle('main.ts', 'main.cjs');
await bundle('preload.ts', 'preload.cjs');

// Window and tray icons are loaded at run time from dist/electron/assets.
mkdirSync(`${outDir}/assets`, { recursive: true });
for (const file of readdirSync(`${root}assets`)) {
  if (file.endsWith('.png')) cpSync(`${root}assets/${file}`, `${outDir}/assets/${file}`);
}
console.log(`electron: ${path.relative(root, outDir) || '.'}/main.cjs, preload.cjs`);
