// `npm run server` runs under the settings that keep the embedded server's memory small (scripts/server-memory.mjs,
// issue #27): the process replaces itself once, keeping its pid, so a supervisor that started it (and its kill -9)
// still has the server; a setting the operator gave is kept as given.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serverProcessSettings } from '../../scripts/server-memory.mjs';
import { spawnServer, waitForOutput, type ServerProcess } from './harness';

const root = mkdtempSync(join(tmpdir(), 'ic-memory-'));
const started: ServerProcess[] = [];
afterAll(() => {
  for (const r of started) r.child.kill('SIGKILL');
  rmSync(root, { recursive: true, force: true });
});

const procList = (pid: number, file: 'cmdline' | 'environ') => readFileSync(`/proc/${pid}/${file}`, 'utf8').split('\0');

describe('the server process settings', () => {
  // process.execve: Node 22.15 and later (22.12-22.14 run as started); /proc: Linux.
  it.runIf(process.platform === 'linux' && typeof process.execve === 'function')('npm run server runs, under its own pid, with the malloc threshold and the young generation set', { timeout: 120_000 }, async () => {
    const server = spawnServer({ DATA_DIR: join(root, 'data'), WEB_DIR: join(root, 'none'), LOG_LEVEL: 'warn' });
    started.push(server);
    const [, url] = await waitForOutput(server, /server: (http:\/\/\S+)\n/);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const pid = server.child.pid as number; // the process this test started is the one serving
    expect(procList(pid, 'cmdline')).toContain('--max-semi-space-size=4');
    expect(procList(pid, 'environ')).toContain('MALLOC_MMAP_THRESHOLD_=131072');
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  });

  it('keeps what the operator set and adds only what is missing', () => {
    expect(serverProcessSettings([], {})).toEqual({ flags: ['--max-semi-space-size=4'], env: { MALLOC_MMAP_THRESHOLD_: '131072' } });
    expect(serverProcessSettings(['--max-semi-space-size=32'], { MALLOC_MMAP_THRESHOLD_: '1048576' })).toEqual({ flags: [], env: {} });
    expect(serverProcessSettings(['--inspect'], { MALLOC_MMAP_THRESHOLD_: '0' })).toEqual({ flags: ['--max-semi-space-size=4'], env: {} });
  });
});
