// `npm start`: build the console and the desktop shell, then launch Electron; when Electron's binary is
// missing and cannot be fetched, say so in one line and serve the browser build instead.
// `npm start -- --browser` skips Electron.
import './require-node.mjs';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const node = process.execPath;
const viteBin = path.join(path.dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');
const wantBrowser = process.argv.includes('--browser');

function run(args, options = {}) {
  const result = spawnSync(node, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** Path of the installed Electron executable, or null (electron >= 42 downloads it on first use). */
function installedElectron() {
  const pkgDir = path.dirname(require.resolve('electron/package.json'));
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const pathFile = path.join(pkgDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  if (override) {
    const exe = path.join(override, relative ?? (process.platform === 'win32' ? 'electron.exe' : 'electron'));
    return existsSync(exe) ? exe : null;
  }
  if (relative === null) return null;
  const exe = path.join(pkgDir, 'dist', relative);
  return existsSync(exe) ? exe : null;
}

function fetchElectron() {
  const installer = path.join(path.dirname(require.resolve('electron/package.json')), 'install.js');
  // Quiet: on a machine without internet this fails fast with a long stack trace nobody needs.
  spawnSync(node, [installer], { cwd: root, stdio: 'ignore', timeout: 300_000 });
  return installedElectron();
}

function serveBrowserBuild() {
  const preview = spawn(node, [viteBin, 'preview', '--config', 'renderer/vite.config.ts', '--host', '127.0.0.1'], {
    cwd: root,
    stdio: 'inherit',
  });
  preview.on('exit', (code) => process.exit(code ?? 0));
}

run([viteBin, 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn']);
if (wantBrowser) {
  serveBrowserBuild();
} else {
  run([path.join('scripts', 'build-electron.mjs')]);
  const electron = installedElectron() ?? fetchElectron();
  if (electron === null) {
    console.log(
      'Electron is not installed and could not be downloaded (no internet?): serving the browser build instead at the URL below ' +
        '(same as `npm run preview:web`); on a machine with internet, `npx install-electron` then `npm start` opens the desktop app.',
    );
    serveBrowserBuild();
  } else {
    const env = { ...process.env };
    delete env.ELECTRON_RUN_AS_NODE;
    const app = spawn(electron, ['.'], { cwd: root, stdio: 'inherit', env });
    for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => app.kill(signal));
    app.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  }
}
