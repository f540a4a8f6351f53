// The console window is created locked down, loads the app origin, and reuses saved bounds only when on screen.
import { type EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';

const created = vi.hoisted(() => [] as Array<{ options: Record<string, unknown>; loaded: string[] }>);
vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  class FakeContents extends Emitter {
    setWindowOpenHandler() {}
  }
  class BrowserWindow extends Emitter {
    webContents = new FakeContents();
    loaded: string[] = [];
    constructor(readonly options: Record<string, unknown>) {
      super();
      created.push(this);
    }
    async loadURL(url: string) {
      this.loaded.push(url);
    }
    maximize() {}
    show() {}
  }
  return { BrowserWindow, shell: { openExternal: vi.fn() } };
});
const { createMainWindow, restoreBounds } = await import('./windows');

describe('main window', () => {
  it('isolates, sandboxes and strips Node from the renderer, then loads app://console', () => {
    const win = createMainWindow({ preloadPath: '/app/preload.cjs', bounds: { width: 1200, height: 700 }, maximized: false, onBoundsChanged: () => {} });
    const made = created[created.length - 1];
    expect(made?.options).toMatchObject({ width: 1200, height: 700, show: false });
    expect(made?.options.webPreferences).toMatchObject({
      preload: '/app/preload.cjs', contextIsolation: true, sandbox: true, nodeIntegration: false,
      nodeIntegrationInWorker: false, nodeIntegrationInSubFrames: false, webviewTag: false, webSecurity: true,
      allowRunningInsecureContent: false, experimentalFeatures: false,
    });
    expect(made?.loaded).toEqual(['app://console/index.html']);
    // The navigation guards are attached to the window's contents.
    expect((win.webContents as unknown as EventEmitter).listenerCount('will-navigate')).toBe(1);
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
