// Window security switches are pinned, and saved bounds are only reused when they are still on screen.
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({ BrowserWindow: class {}, shell: { openExternal: vi.fn() } }));
const { secureWebPreferences, restoreBounds } = await import('./windows');

describe('secure web preferences', () => {
  it('isolates, sandboxes and strips Node from the renderer', () => {
    expect(secureWebPreferences('/app/preload.cjs')).toMatchObject({
      preload: '/app/preload.cjs', contextIsolation: true, sandbox: true, nodeIntegration: false,
      nodeIntegrationInWorker: false, nodeIntegrationInSubFrames: false, webviewTag: false, webSecurity: true,
      allowRunningInsecureContent: false, experimentalFeatures: false,
    });
  });
});

describe('restoreBounds', () => {
  const laptop = { x: 0, y: 0, width: 1440, height: 900 };
  it('uses a default size the first time', () => {
    expect(restoreBounds(null, [laptop])).toEqual({ width: 1280, height: 800 });
  });
  it('restores position and size on a connected display', () => {
    expect(restoreBounds({ x: 100, y: 50, width: 1200, height: 700, maximized: false }, [laptop])).toEqual({ x: 100, y: 50, width: 1200, height: 700 });
  });
  it('drops the position when its display was unplugged', () => {
    expect(restoreBounds({ x: 3000, y: 100, width: 1200, height: 700, maximized: false }, [laptop])).toEqual({ width: 1200, height: 700 });
  });
});
