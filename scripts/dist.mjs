// `npm run dist`: build the console and the desktop shell, then the installers with electron-builder. Without
// internet electron-builder cannot download the Electron binary and dies with a long ENOTFOUND stack trace:
// say that in one line instead (its full output is kept for any other failure).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const node = process.execPath;
const viteBin = path.join(path.dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');
const builderBin = path.join(path.dirname(require.resolve('electron-builder/package.json')), 'cli.js');

function run(args) {
  const result = spawnSync(node, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run([viteBin, 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn']);
run([path.join('scripts', 'build-electron.mjs')]);

const builder = spawnSync(node, [builderBin, '--config', 'electron-builder.yml', '--publish', 'never', ...process.argv.slice(2)], {
  cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024,
});
const output = `${builder.stdout ?? ''}${builder.stderr ?? ''}`;
if (builder.status === 0) {
  process.stdout.write(output);
  process.exit(0);
}
const network = /\b(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH)\b[^\n]*/.exec(output);
if (network) {
  const host = /getaddrinfo \S+ (\S+)/.exec(network[0])?.[1];
  console.error(`npm run dist: the Electron binary could not be downloaded (${network[1]}${host ? ` ${host}` : ''}: no internet?); run it again on a machine with internet, or put the Electron zip in ELECTRON_CACHE.`);
} else {
  process.stderr.write(output);
}
process.exit(builder.status ?? 1);
