// The repository's root: this file is server/src/repo-root.ts, and the bundle (scripts/build-server.mjs) is
// dist/server/main.js, two levels down either way. The embedded template cache and the console build's
// fallback are found from here.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
