// The built bundles run: main.cjs starts against a stand-in `electron` (serves app://, answers IPC from its
// window with real electron-store settings) and preload.cjs runs with only `electron` available, as when sandboxed.
import { spawnSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IPC } from '@shared/ipc/contract';

const root = path.resolve(import.meta.dirname, '..');
const base = mkdtempSync(path.join(tmpdir(), 'ic-bundle-'));
const outDir = path.join(base, 'electron');

type Handler = (event: unknown, payload?: unknown) => Promise<unknown>;

/** Just enough of Electron's main-process API for main.cjs to start; records what it registers. */
function fakeElectron(userData: string) {
  const ipcHandlers = new Map<string, Handler>();
  const protocolHandlers = new Map<string, (request: Request) => Promise<Response>>();
  const windows: Array<EventEmitter & { webContents: EventEmitter & { id: number }; loaded: string[]; options: Record<string, unknown> }> = [];
  const privileged: unknown[] = [];
  let ready: () => void = () => {};
  const whenReady = new Promise<void>((resolve) => (ready = resolve));
  class WebContents extends EventEmitter {
    id = 1;
    setWindowOpenHandler() {}
    send() {}
  }
  class BrowserWindow extends EventEmitter {
    webContents = new WebContents();
    loaded: string[] = [];
    constructor(readonly options: Record<string, unknown>) {
      super();
      windows.push(this);
    }
    async loadURL(url: string) { this.loaded.push(url); }
    isDestroyed() { return false; }
    maximize() {}
  }
  class Tray extends EventEmitter {
    setToolTip() {}
    setContextMenu() {}
    setImage() {}
    setTitle() {}
  }
  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    enableSandbox() {},
    requestSingleInstanceLock: () => true,
    whenReady: () => whenReady,
    getPath: () => userData,
    getVersion: () => '0.1.0',
    getName: () => 'Incident Console',
    setAppUserModelId() {},
    quit() {},
  });
  const session = { defaultSession: { setPermissionRequestHandler() {}, setPermissionCheckHandler() {}, setDevicePermissionHandler() {} } };
  const electron = {
    app, BrowserWindow, Tray, session,
    ipcMain: { handle: (channel: string, h: Handler) => ipcHandlers.set(channel, h), on() {} },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => privileged.push(...schemes),
      handle: (scheme: string, h: (r: Request) => Promise<Response>) => protocolHandlers.set(scheme, h),
    },
    Menu: { setApplicationMenu() {}, buildFromTemplate: (t: unknown) => t },
    nativeImage: { createFromPath: (p: string) => ({ path: p }) },
    powerSaveBlocker: { start: () => 1, stop() {}, isStarted: () => false },
    screen: { getAllDisplays: () => [] },
    shell: { openExternal: async () => {} },
    dialog: {},
    Notification: class { static isSupported = () => false; },
  };
  return { electron, ipcHandlers, protocolHandlers, windows, privileged, ready };
}

beforeAll(() => {
  const build = spawnSync(process.execPath, [path.join(root, 'scripts', 'build-electron.mjs'), '--out', outDir], { cwd: root, encoding: 'utf8' });
  expect(build.status, build.stderr).toBe(0);
  mkdirSync(path.join(base, 'web'));
  writeFileSync(path.join(base, 'web', 'index.html'), '<!doctype html><title>bundle</title>');
}, 120_000);
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('main.cjs', () => {
  it('starts, serves app:// and answers IPC only from its own window', async () => {
    const userData = path.join(base, 'userData');
    const fake = fakeElectron(userData);
    // Route `require('electron')` from the bundle to the stand-in; everything else is the real thing.
    const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
    const originalLoad = loader._load;
    loader._load = function (request: string, ...rest: unknown[]) {
      return request === 'electron' ? fake.electron : originalLoad.call(this, request, ...rest);
    };
    try {
      createRequire(import.meta.url)(path.join(outDir, 'main.cjs'));
    } finally {
      loader._load = originalLoad;
    }
    expect(fake.privileged).toEqual([expect.objectContaining({ scheme: 'app' })]);
    fake.ready();
    await new Promise((resolve) => setImmediate(resolve)); // let the whenReady continuation run

    const win = fake.windows[0];
    expect(win?.loaded).toEqual(['app://console/index.html']);
    expect(win?.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, preload: path.join(outDir, 'preload.cjs') });

    const serve = fake.protocolHandlers.get('app');
    const page = await serve?.(new Request('app://console/index.html'));
    expect(page?.status).toBe(200);
    expect(page?.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect((await serve?.(new Request('app://console/..%2F..%2Fpackage.json')))?.status).toBe(403);

    const fromWindow = { sender: { id: 1 }, senderFrame: { url: 'app://console/index.html', parent: null } };
    const getSettings = fake.ipcHandlers.get(IPC.getSettings);
    expect(await getSettings?.(fromWindow)).toMatchObject({ theme: 'dark', wallDisplay: false });
    await fake.ipcHandlers.get(IPC.updateSettings)?.(fromWindow, { displayName: 'Dana' });
    expect(JSON.parse(readFileSync(path.join(userData, 'settings.json'), 'utf8'))).toMatchObject({ displayName: 'Dana' });
    await expect(getSettings?.({ ...fromWindow, sender: { id: 2 } })).rejects.toThrow(/not the console window/);
  });
});

describe('preload.cjs', () => {
  it('runs with nothing but `electron` to require and exposes the bridge', () => {
    const exposed = new Map<string, unknown>();
    const required: string[] = [];
    const fakeRequire = (name: string) => {
      required.push(name);
      if (name !== 'electron') throw new Error(`a sandboxed preload cannot require ${name}`);
      return { contextBridge: { exposeInMainWorld: (k: string, v: unknown) => exposed.set(k, v) }, ipcRenderer: { invoke: async () => {}, on() {}, removeListener() {} } };
    };
    const source = readFileSync(path.join(outDir, 'preload.cjs'), 'utf8');
    const module = { exports: {} };
    vm.runInNewContext(`(function (require, module, exports) {${source}\n})`, {})(fakeRequire, module, module.exports);
    expect(required).toEqual(['electron']);
    expect(Object.keys(exposed.get('incidentConsole') as object)).toContain('notify');
  });
});
