// `npm run server`: the bundled server (dist/server, scripts/build-server.mjs) in this process. When the bundle is
// missing or a source changed since it was built, it is built first in a child process (a few seconds, once), so
// the bundler never stays in the server's memory; otherwise this costs a few milliseconds of stat calls. A build
// that fails stops the start with that said.
import './require-node.mjs';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { serverBuildIsCurrent, SERVER_BUILD_DIR } from './build-server.mjs';
import { execWithServerSettings } from './server-memory.mjs';

execWithServerSettings(); // once, before anything is allocated: the settings that keep its memory small

if (!serverBuildIsCurrent()) {
  process.stdout.write('server: building dist/server from the sources...\n');
  const built = spawnSync(process.execPath, [fileURLToPath(new URL('./build-server.mjs', import.meta.url))], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (built.status !== 0 || !existsSync(join(SERVER_BUILD_DIR, 'main.js'))) {
    process.stderr.write('server failed to start: the server bundle did not build (see above)\n');
    process.exit(1);
  }
}
await import(pathToFileURL(join(SERVER_BUILD_DIR, 'main.js')).href);
