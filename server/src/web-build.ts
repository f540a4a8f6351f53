// First start on a fresh clone: the console's browser build is not there yet. Build it (vite, a dependency of
// the repository) into WEB_DIR when that directory is missing or empty; otherwise say in one line how to.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { repoRoot } from './repo-root';

export type WebBuildOutcome =
  | { kind: 'present' }
  | { kind: 'built'; ms: number }
  | { kind: 'missing'; hint: string };

const hint = (webDir: string) =>
  `no console build in ${webDir}: run \`npm run build:web\` (or point WEB_DIR at a build), then restart; the API works meanwhile`;

/** Make sure `webDir/index.html` exists, building the console into an absent or empty `webDir`. */
export function ensureWebBuild(webDir: string, log: (line: string) => void): WebBuildOutcome {
  if (existsSync(join(webDir, 'index.html'))) return { kind: 'present' };
  // Never build over a directory that holds something else: that is someone's files, not our output.
  if (existsSync(webDir) && readdirSync(webDir).length > 0) return { kind: 'missing', hint: hint(webDir) };
  let viteBin: string;
  try {
    viteBin = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin', 'vite.js');
  } catch {
    return { kind: 'missing', hint: hint(webDir) }; // installed without dev dependencies
  }
  log(`no console build in ${relative(process.cwd(), webDir) || webDir} yet: building it once (npm run build:web), about a minute...`);
  const t0 = Date.now();
  const result = spawnSync(process.execPath, [viteBin, 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'error', '--outDir', webDir], {
    cwd: repoRoot, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', timeout: 600_000,
  });
  if (result.status !== 0 || !existsSync(join(webDir, 'index.html'))) {
    const why = (result.stderr ?? '').trim().split('\n')[0] ?? '';
    return { kind: 'missing', hint: `${hint(webDir)}${why ? ` (the automatic build failed: ${why})` : ''}` };
  }
  return { kind: 'built', ms: Date.now() - t0 };
}
