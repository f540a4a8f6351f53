// The app:// handler serves the web build and refuses every way of escaping its root.
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({ protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() }, shell: { openExternal: vi.fn() } }));

const { resolveAppPath, createAppRequestHandler } = await import('./protocol');

// Layout: <tmp>/secret.txt sits next to the web root <tmp>/web, as dist/electron sits next to dist/web.
const base = mkdtempSync(path.join(tmpdir(), 'ic-protocol-'));
const webRoot = path.join(base, 'web');
mkdirSync(path.join(webRoot, 'assets'), { recursive: true });
writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><title>console</title>');
writeFileSync(path.join(webRoot, 'assets', 'app.js'), 'console.log(1)');
writeFileSync(path.join(base, 'secret.txt'), 'TOP SECRET');
writeFileSync(path.join(base, 'web-evil.txt'), 'SIBLING SECRET');
afterAll(() => rmSync(base, { recursive: true, force: true }));

const handler = createAppRequestHandler(webRoot);
const get = (url: string, method = 'GET') => handler(new Request(url, { method }));

describe('resolveAppPath', () => {
  it('maps app URLs to files under the web root', () => {
    expect(resolveAppPath(webRoot, 'app://console/assets/app.js')).toBe(path.join(webRoot, 'assets', 'app.js'));
    expect(resolveAppPath(webRoot, 'app://console/')).toBe(path.join(webRoot, 'index.html'));
    expect(resolveAppPath(webRoot, 'app://console/incidents/42')).toBe(path.join(webRoot, 'index.html'));
  });

  it('refuses encoded traversal, backslashes, NUL bytes and absolute paths', () => {
    for (const url of [
      'app://console/..%2Fsecret.txt',
      'app://console/%2e%2e%2fsecret.txt',
      'app://console/assets/..%2F..%2Fsecret.txt',
      'app://console/..%5Csecret.txt',
      'app://console/assets%5C..%5C..%5Csecret.txt',
      'app://console/..%2Fweb-evil.txt',
      'app://console/index.html%00.png',
      'app://console/%E0%A4%A',
    ]) {
      expect(resolveAppPath(webRoot, url), url).toBeNull();
    }
  });

  it('refuses other hosts and schemes', () => {
    expect(resolveAppPath(webRoot, 'app://evil/index.html')).toBeNull();
    expect(resolveAppPath(webRoot, 'file:///etc/passwd')).toBeNull();
    expect(resolveAppPath(webRoot, 'https://console/index.html')).toBeNull();
  });
});

describe('app:// request handler', () => {
  it('serves the app with its content type and a strict CSP', async () => {
    const res = await get('app://console/index.html');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(await res.text()).toContain('<title>console</title>');
    const js = await get('app://console/assets/app.js');
    expect(js.headers.get('content-type')).toContain('text/javascript');
    expect(js.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers 403 for traversal attempts and never leaks the file', async () => {
    for (const url of ['app://console/..%2Fsecret.txt', 'app://console/assets/..%2F..%2Fsecret.txt', 'app://console/..%5Csecret.txt']) {
      const res = await get(url);
      expect(res.status, url).toBe(403);
      expect(await res.text()).not.toContain('SECRET');
    }
  });

  it('keeps a plain ../ inside the root (the URL parser folds it) and 404s the missing file', async () => {
    const res = await get('app://console/../secret.txt');
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('SECRET');
  });

  it('refuses writes', async () => {
    expect((await get('app://console/index.html', 'POST')).status).toBe(405);
  });
});
