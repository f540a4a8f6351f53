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

export default defineConfig({
  root,
  base: './',
  plugins: [react(), assetManifest()],
  resolve: { alias: { '@shared': fileURLToPath(new URL('../shared', import.meta.url)) } },
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
  },
  server: { port: 5173, strictPort: false },
  preview: { port: 4317, strictPort: true },
});
