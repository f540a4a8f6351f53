// Builds the renderer: the same web app runs in Electron (app:// protocol) and in a plain browser.
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

/** Lists every built file (no source maps) in asset-manifest.json so the service worker can precache the app shell. */
function assetManifest(): Plugin {
  return {
    name: 'incident-console-asset-manifest',
    apply: 'build',
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle).filter((f) => !f.endsWith('.map') && f !== 'index.html').sort().map((f) => `./${f}`);
      this.emitFile({ type: 'asset', fileName: 'asset-manifest.json', source: JSON.stringify(files, null, 1) });
    },
  };
}

/**
 * A chunk (or its CSS) loaded on demand is named for its feature: every feature's lazy page is `page.ts`, so by
 * module name alone the build, devtools and the UI bench would list a dozen `page-*.js`.
 */
function byFeature(kind: 'js' | 'css') {
  return (info: { name?: string; names?: string[]; facadeModuleId?: string | null; originalFileNames?: string[] }): string => {
    const source = info.facadeModuleId ?? info.originalFileNames?.[0] ?? '';
    const feature = /features\/([^/]+)\/page\.tsx?$/.exec(source)?.[1];
    if (kind === 'js') return `assets/${feature ? `${feature}-page` : '[name]'}-[hash].js`;
    return `assets/${feature ? `${feature}-page` : '[name]'}-[hash][extname]`;
  };
}

export default defineConfig({
  root,
  base: './',
  plugins: [react(), assetManifest()],
  resolve: { alias: { '@shared': fileURLToPath(new URL('../shared', import.meta.url)) } },
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    rollupOptions: { output: { chunkFileNames: byFeature('js'), assetFileNames: byFeature('css') } },
  },
  server: { port: 5173, strictPort: false },
  preview: { port: 4317, strictPort: true },
});
