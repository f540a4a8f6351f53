// Both content security policies (the renderer's meta tag and Electron's app:// header) let sync reach a user's server.
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({ shell: { openExternal: vi.fn() } }));
const { CONTENT_SECURITY_POLICY } = await import('../../electron/security');

function connectSources(policy: string): string[] {
  const directive = policy.split(';').map((d) => d.trim().split(/\s+/)).find(([name]) => name === 'connect-src');
  return directive?.slice(1) ?? [];
}

/** Whether a connect-src list admits the URL by scheme source (the server's origin is a user setting). */
function allows(sources: string[], url: string): boolean {
  return sources.includes(new URL(url).protocol);
}

const metaPolicy = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(readFileSync(new URL('../../renderer/index.html', import.meta.url), 'utf8'))?.[1] ?? '';
const serverUrls = ['http://10.0.0.5:8787/api/v1/sync/pull', 'https://incidents.example.com/api/v1/join', 'ws://10.0.0.5:8787/api/v1/realtime', 'wss://incidents.example.com/api/v1/realtime'];

describe.each([['renderer meta tag', metaPolicy], ['Electron app:// header', CONTENT_SECURITY_POLICY]])('%s', (_name, policy) => {
  it('allows http, https, ws and wss to any server', () => {
    expect(policy).not.toBe('');
    for (const url of serverUrls) expect(allows(connectSources(policy), url), url).toBe(true);
  });

  it('still keeps scripts to the app itself', () => {
    expect(policy).toMatch(/script-src 'self'(;|$)/);
    expect(policy).not.toContain('unsafe-eval');
  });
});
