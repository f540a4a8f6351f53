// The pages anyone can open (/status, the acknowledge pages) and the console's own origin carry CSP, nosniff,
// no-framing and no-referrer headers, over real HTTP; the public pages run no script and allow only their own
// inline style (by hash, checked against the style the page really holds); bidi overrides and other invisible
// controls never reach public text, in the HTML or the Statuspage-compatible JSON.
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Commander, deliverySettings, pushAll, pushUntilSent } from './delivery-fixtures';
import { openWorkspaceServer } from './harness';
import { perFile } from './per-file';

vi.setConfig({ testTimeout: 180_000 });
const webDir = mkdtempSync(join(tmpdir(), 'ic-web-'));
writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>Incident Console</title><div id="root"></div>');
afterAll(() => rmSync(webDir, { recursive: true, force: true }));
const host = perFile(() => openWorkspaceServer('pglite', { webDir, deliveries: deliverySettings({ publicUrl: 'http://status.example.test' }) }, { listen: true }));

const COMMON = { 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY', 'referrer-policy': 'no-referrer' };
const inlineStyleHash = (html: string) => `'sha256-${createHash('sha256').update(/<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '').digest('base64')}'`;

async function get(path: string, method = 'GET') {
  const res = await fetch(`${host.url}${path}`, { method });
  return { status: res.status, headers: Object.fromEntries(res.headers), body: await res.text() };
}

describe('security headers', () => {
  it('/status and /status/drill: a CSP with no script, their own style by hash, no framing, no forms; nosniff; no referrer', async () => {
    for (const path of ['/status', '/status/drill']) {
      const res = await get(path);
      expect(res.status).toBe(200);
      expect(res.headers).toMatchObject(COMMON);
      expect(res.headers['content-security-policy']).toBe(`default-src 'none';style-src ${inlineStyleHash(res.body)};img-src data:;base-uri 'none';form-action 'none';frame-ancestors 'none'`);
      expect(res.body).not.toMatch(/<script|\son[a-z]+=/i);
    }
  });

  it('the acknowledge pages: the same, with the confirm form allowed to post to this origin', async () => {
    const res = await get('/ack/ack_unknown-token');
    expect(res.status).toBe(404);
    expect(res.headers).toMatchObject(COMMON);
    expect(res.headers['content-security-policy']).toBe(`default-src 'none';style-src ${inlineStyleHash(res.body)};img-src data:;base-uri 'none';form-action 'self';frame-ancestors 'none'`);
  });

  it('the console origin (app shell, client routes) and the API: the console CSP with frame-ancestors, nosniff, no framing', async () => {
    const consoleCsp = "default-src 'self';script-src 'self';style-src 'self' 'unsafe-inline';img-src 'self' data:;connect-src 'self' http: https: ws: wss:;object-src 'none';base-uri 'self';form-action 'self';frame-ancestors 'none'";
    for (const path of ['/', '/incidents/some-client-route', '/api/v1/healthz', '/api/v2/summary.json']) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers, path).toMatchObject({ ...COMMON, 'content-security-policy': consoleCsp });
      expect(res.headers['strict-transport-security'], path).toBeUndefined(); // the TLS terminator's to set
    }
  });
});

describe('public text', () => {
  it('bidi overrides and invisible controls never reach the status page, in HTML or JSON', async () => {
    const ic = new Commander(host.admin);
    await pushAll(host.server.app, host.admin, ic.open('Sign-in \u202Edeliaf\u202C for \u200Bsome\u2066 users'));
    const { update, request } = ic.send('users', 'We are \u202Egnitagitsevni\u202C.\u0007 Next update soon.\uFEFF', [{ channel: 'status-page' }], {
      status: 'investigating', startedAt: new Date().toISOString(), estimatedResolutionAt: new Date(Date.now() + 3_600_000).toISOString(),
      nextUpdateAt: new Date(Date.now() + 900_000).toISOString(), components: [{ id: 'authentication', status: 'major_outage' }],
    });
    await pushUntilSent(host.server.app, host.admin, [update, request], request);

    const html = (await get('/status')).body;
    const json = (await get('/api/v2/summary.json')).body;
    for (const text of [html, json]) {
      expect(text).toContain('Sign-in deliaf for some users');
      expect(text).toContain('We are gnitagitsevni. Next update soon.');
      for (const c of ['\u202E', '\u202C', '\u2066', '\u200B', '\uFEFF', '\u0007']) expect(text).not.toContain(c);
    }
  });
});
