// `npm run dist` without internet (this machine has none): one line saying the Electron binary could not be
// downloaded, not electron-builder's stack trace. Skipped where github.com resolves (it would really build).
import { spawnSync } from 'node:child_process';
import { lookup } from 'node:dns/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const online = await lookup('github.com').then(() => true, () => false);

describe('npm run dist', () => {
  it.skipIf(online)('offline: says in one line that the Electron binary could not be downloaded, and fails', { timeout: 600_000 }, () => {
    const result = spawnSync(process.execPath, [join('scripts', 'dist.mjs')], { cwd: join(import.meta.dirname, '../..'), encoding: 'utf8', timeout: 590_000 });
    expect(result.status).not.toBe(0);
    // The build steps before it may warn (chunk sizes); the download failure itself is one line, the last.
    const all = `${result.stdout}${result.stderr}`;
    expect(all.split('\n').filter((l) => /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ENETUNREACH/.test(l))).toHaveLength(1);
    expect(result.stderr.trim().split('\n').at(-1)).toMatch(/^npm run dist: the Electron binary could not be downloaded \((ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ENETUNREACH)[^)]*: no internet\?\)/);
    expect(all).not.toMatch(/\n\s+at /); // no stack trace
  });
});
