// Unit, property and integration tests (everything but the browser end-to-end suite).
import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  resolve: { alias: { '@shared': fileURLToPath(new URL('./shared', import.meta.url)) } },
  test: {
    include: ['{shared,renderer,electron,server,test}/**/*.test.{ts,tsx}'],
    exclude: ['node_modules', 'dist', 'test/e2e/**'],
    environment: 'node',
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    server: { deps: { inline: ['electron-store'] } },
  },
});
