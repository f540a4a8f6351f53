// Navigation, redirect and window-open guards refuse foreign URLs; permissions and external links are validated.
import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const openExternal = vi.fn(async (_url: string) => {});
vi.mock('electron', () => ({ shell: { openExternal } }));

const { safeExternalUrl, isAppUrl } = await import('./app-url');
const { hardenWebContents, hardenSession, openExternalSafely } = await import('./security');

type OpenHandler = (details: { url: string }) => { action: string };

/** A stand-in for WebContents: a real event emitter plus the window-open handler slot. */
class FakeContents extends EventEmitter {
  openHandler: OpenHandler | null = null;
  setWindowOpenHandler(handler: OpenHandler): void {
    this.openHandler = handler;
  }
  getURL(): string {
    return 'app://console/index.html';
  }
}

function navigate(contents: FakeContents, eventName: string, url: string): boolean {
  let prevented = false;
  const event = { url, preventDefault: () => (prevented = true) };
  contents.emit(eventName, event, url);
  return prevented;
}

function hardened(): FakeContents {
  const contents = new FakeContents();
  hardenWebContents(contents as unknown as Electron.WebContents);
  return contents;
}

beforeEach(() => openExternal.mockClear());

describe('URL validation', () => {
  it('accepts only http(s) URLs without credentials for the system browser', () => {
    expect(safeExternalUrl('https://status.example.com/incident/42')).toBe('https://status.example.com/incident/42');
    expect(safeExternalUrl('http://intranet.local/runbook')).toBe('http://intranet.local/runbook');
    for (const bad of [
      'javascript:alert(1)', 'file:///etc/passwd', 'app://console/index.html', 'data:text/html,<b>x</b>',
      'smb://share/x', 'https://user:pw@evil.example/', 'https://good.example@evil.example/', 'not a url', '', 42, null,
      `https://example.com/${'a'.repeat(2100)}`,
    ]) {
      expect(safeExternalUrl(bad), String(bad)).toBeNull();
    }
  });

  it('recognises only the app origin as the app', () => {
    expect(isAppUrl('app://console/index.html')).toBe(true);
    expect(isAppUrl('app://console/incidents/1')).toBe(true);
    expect(isAppUrl('app://evil/index.html')).toBe(false);
    expect(isAppUrl('app://console.evil.com/index.html')).toBe(false);
    expect(isAppUrl('https://console/index.html')).toBe(false);
    expect(isAppUrl('file:///index.html')).toBe(false);
  });

  it('opens validated links in the system browser and refuses the rest', async () => {
    expect(await openExternalSafely('https://example.com/a?b=c')).toBe(true);
    expect(openExternal).toHaveBeenCalledWith('https://example.com/a?b=c');
    expect(await openExternalSafely('file:///etc/passwd')).toBe(false);
    expect(await openExternalSafely('javascript:alert(1)')).toBe(false);
    expect(openExternal).toHaveBeenCalledTimes(1);
  });
});

describe('web contents guards', () => {
  it('refuses navigation away from the app and hands web links to the system browser', () => {
    const contents = hardened();
    expect(navigate(contents, 'will-navigate', 'https://evil.example/phish')).toBe(true);
    expect(openExternal).toHaveBeenCalledWith('https://evil.example/phish');
    expect(navigate(contents, 'will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(navigate(contents, 'will-navigate', 'app://other/index.html')).toBe(true);
    expect(openExternal).toHaveBeenCalledTimes(1);
  });

  it('lets the app navigate within its own origin', () => {
    const contents = hardened();
    expect(navigate(contents, 'will-navigate', 'app://console/index.html')).toBe(false);
    expect(navigate(contents, 'will-frame-navigate', 'app://console/index.html')).toBe(false);
  });

  it('refuses foreign frame navigations and redirects without opening anything', () => {
    const contents = hardened();
    expect(navigate(contents, 'will-frame-navigate', 'https://evil.example/frame')).toBe(true);
    expect(navigate(contents, 'will-redirect', 'https://evil.example/redirected')).toBe(true);
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('denies every new window, opening only validated http(s) links externally', () => {
    const contents = hardened();
    const open = contents.openHandler;
    expect(open).not.toBeNull();
    expect(open?.({ url: 'https://docs.example.com/runbook' })).toEqual({ action: 'deny' });
    expect(open?.({ url: 'app://console/index.html' })).toEqual({ action: 'deny' });
    expect(open?.({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledTimes(1);
    expect(openExternal).toHaveBeenCalledWith('https://docs.example.com/runbook');
  });

  it('refuses to attach webviews', () => {
    const contents = hardened();
    let prevented = false;
    contents.emit('will-attach-webview', { preventDefault: () => (prevented = true) }, {}, {});
    expect(prevented).toBe(true);
  });

  it('does not stack duplicate listeners when hardened twice', () => {
    const contents = hardened();
    hardenWebContents(contents as unknown as Electron.WebContents);
    navigate(contents, 'will-navigate', 'https://example.com/');
    expect(openExternal).toHaveBeenCalledTimes(1);
  });
});

describe('session permissions', () => {
  type RequestHandler = (wc: unknown, permission: string, cb: (ok: boolean) => void, details: { requestingUrl: string }) => void;
  type CheckHandler = (wc: unknown, permission: string, origin: string) => boolean;

  function hardenedSession() {
    const handlers: { request?: RequestHandler; check?: CheckHandler; device?: () => boolean } = {};
    const session = {
      setPermissionRequestHandler: (h: RequestHandler) => (handlers.request = h),
      setPermissionCheckHandler: (h: CheckHandler) => (handlers.check = h),
      setDevicePermissionHandler: (h: () => boolean) => (handlers.device = h),
    };
    hardenSession(session as unknown as Electron.Session);
    const request = (permission: string, requestingUrl: string): boolean => {
      let granted: boolean | undefined;
      handlers.request?.({ getURL: () => requestingUrl }, permission, (ok) => (granted = ok), { requestingUrl });
      return granted === true;
    };
    return { request, check: (p: string, o: string) => handlers.check?.(null, p, o), device: () => handlers.device?.() };
  }

  it('denies camera, location, notifications and the rest by default', () => {
    const s = hardenedSession();
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'fullscreen', 'unknown']) {
      expect(s.request(permission, 'app://console/index.html'), permission).toBe(false);
      expect(s.check(permission, 'app://console'), permission).toBe(false);
    }
    expect(s.device()).toBe(false);
  });

  it('allows writing to the clipboard only from the app itself', () => {
    const s = hardenedSession();
    expect(s.request('clipboard-sanitized-write', 'app://console/index.html')).toBe(true);
    expect(s.request('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    expect(s.check('clipboard-sanitized-write', 'https://evil.example')).toBe(false);
  });
});
