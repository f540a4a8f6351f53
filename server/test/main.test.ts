// `npm run server` as a user runs it: first start prints the URL and a one-time admin invite, serves the web
// build and the API from one origin, refuses a second process on the same data dir, and stops cleanly on SIGTERM.
import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnServer, waitForOutput, type ServerProcess } from './harness';

const root = mkdtempSync(join(tmpdir(), 'ic-main-'));
const dataDir = join(root, 'data');
const webDir = join(root, 'web');
mkdirSync(webDir);
writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>Incident Console</title>');

const start = (env: Record<string, string> = {}) => spawnServer({ DATA_DIR: dataDir, WEB_DIR: webDir, LOG_LEVEL: 'warn', ...env });

describe('npm run server', () => {
  const started: ServerProcess[] = [];
  afterAll(() => {
    for (const r of started) r.child.kill('SIGKILL');
    rmSync(root, { recursive: true, force: true });
  });

  it('prints the URL and a one-time invite, serves app and API on one origin, and shuts down cleanly', { timeout: 180_000 }, async () => {
    const first = start();
    started.push(first);
    const [, url] = await waitForOutput(first, /server: (http:\/\/\S+)\n/);
    const [, invite] = await waitForOutput(first, /ADMIN invite code: (\S+) /);

    expect(await (await fetch(`${url}/`)).text()).toContain('Incident Console');
    expect(await (await fetch(`${url}/incidents/123`)).text()).toContain('Incident Console'); // client-side route
    expect((await fetch(`${url}/assets/missing.js`)).status).toBe(404);
    expect((await fetch(`${url}/api/v1/healthz`)).status).toBe(200);
    const unknownApi = await fetch(`${url}/api/v1/nothing-here`);
    expect(unknownApi.status).toBe(404);
    expect(await unknownApi.json()).toMatchObject({ error: 'not_found' });
    const redeem = (code: string) => fetch(`${url}/api/v1/join`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ inviteCode: code, deviceName: 'laptop', displayName: 'Ada' }),
    });
    const joined = await redeem(invite as string);
    expect(joined.status).toBe(200);
    expect(await joined.json()).toMatchObject({ role: 'admin', token: expect.any(String) });
    expect((await redeem(invite as string)).status).toBe(403);

    const second = start();
    started.push(second);
    expect(await second.exited).not.toBe(0);
    expect(second.out()).toMatch(/in use by process/);

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(existsSync(join(dataDir, 'server.lock'))).toBe(false);

    const again = start();
    started.push(again);
    await waitForOutput(again, /server: (http:\/\/\S+)\n/);
    expect(again.out()).not.toMatch(/invite code/);
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
  });

  it('first start on a fresh clone (no web build) builds the console and serves it at /', { timeout: 600_000 }, async () => {
    const freshWeb = join(root, 'fresh-clone', 'dist', 'web');
    const r = start({ DATA_DIR: join(root, 'data-fresh'), WEB_DIR: freshWeb });
    started.push(r);
    await waitForOutput(r, /no console build in \S+ yet: building it once \(npm run build:web\)/);
    const [, url] = await waitForOutput(r, /server: (http:\/\/\S+)\n/);
    expect(existsSync(join(freshWeb, 'index.html'))).toBe(true);
    const page = await fetch(`${url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root"');
    r.child.kill('SIGTERM');
    expect(await r.exited).toBe(0);
  });

  it('a WEB_DIR holding something else is not built over: one line says how, and / says it too', { timeout: 120_000 }, async () => {
    const other = join(root, 'not-a-build');
    mkdirSync(other);
    writeFileSync(join(other, 'notes.txt'), 'mine');
    const r = start({ DATA_DIR: join(root, 'data-other'), WEB_DIR: other });
    started.push(r);
    const [line] = await waitForOutput(r, /no console build in .*\n/);
    expect(line).toMatch(/run `npm run build:web`/);
    expect(line.trim().split('\n')).toHaveLength(1);
    const [, url] = await waitForOutput(r, /server: (http:\/\/\S+)\n/);
    const res = await fetch(`${url}/`);
    expect(res.status).toBe(404);
    expect((await res.json() as { message: string }).message).toMatch(/npm run build:web/);
    r.child.kill('SIGTERM');
    expect(await r.exited).toBe(0);
  });
});
