// Settings: real electron-store on a temp dir (only `electron` replaced), migrations from the older layout.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const electronState = vi.hoisted(() => ({ userData: '', version: '0.1.0' }));
vi.mock('electron', () => {
  const app = { getPath: () => electronState.userData, getVersion: () => electronState.version };
  const ipcMain = { on: () => {} };
  return { default: { app, ipcMain }, app, ipcMain };
});

const { openSettingsStore, readSettings, updateSettings, mergeSettingsPatch, readWindowBounds, saveWindowBounds } = await import('./settings');

let dir: string;
const settingsFile = () => path.join(dir, 'settings.json');
const writeFile = (data: unknown) => writeFileSync(settingsFile(), JSON.stringify(data));
const readFile = () => JSON.parse(readFileSync(settingsFile(), 'utf8')) as Record<string, unknown>;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'ic-settings-'));
  electronState.userData = dir;
  electronState.version = '0.1.0';
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('settings store', () => {
  it('starts with the contract defaults in the userData folder', () => {
    const store = openSettingsStore();
    expect(readSettings(store)).toEqual({
      displayName: '', callsign: '', syncServerUrl: '',
      notifications: { enabled: true, sound: true, dueSoon: true }, theme: 'dark', wallDisplay: false,
    });
    expect(readWindowBounds(store)).toBeNull();
    expect(store.path).toBe(settingsFile());
  });

  it('migrates the pre-contract layout written by 0.0.x', () => {
    writeFile({
      __internal__: { migrations: { version: '0.0.4' } },
      name: 'Dana (IC)', serverUrl: 'https://sync.example.org', notify: false, sound: false, darkMode: false,
      callsign: 'IC-1', bounds: { x: 10, y: 20, width: 1400, height: 900 },
    });
    const store = openSettingsStore();
    expect(readSettings(store)).toEqual({
      displayName: 'Dana (IC)', callsign: 'IC-1', syncServerUrl: 'https://sync.example.org',
      notifications: { enabled: false, sound: false, dueSoon: true }, theme: 'light', wallDisplay: false,
    });
    expect(readWindowBounds(store)).toEqual({ x: 10, y: 20, width: 1400, height: 900, maximized: false });
    const onDisk = readFile();
    for (const legacy of ['name', 'serverUrl', 'notify', 'sound', 'darkMode', 'bounds']) expect(onDisk).not.toHaveProperty(legacy);
    expect(onDisk.__internal__).toEqual({ migrations: { version: '0.1.0' } });
  });

  it('does not re-run a migration once the file is at the current version', () => {
    writeFile({ __internal__: { migrations: { version: '0.1.0' } }, displayName: 'Kept', name: 'Not a legacy key any more' });
    const store = openSettingsStore();
    expect(readSettings(store).displayName).toBe('Kept');
    expect(store.get('name')).toBe('Not a legacy key any more');
  });

  it('keeps valid fields when one field on disk is invalid', () => {
    writeFile({ __internal__: { migrations: { version: '0.1.0' } }, displayName: 'Ola', theme: 'neon', notifications: 'yes' });
    const settings = readSettings(openSettingsStore());
    expect(settings.displayName).toBe('Ola');
    expect(settings.theme).toBe('dark');
    expect(settings.notifications).toEqual({ enabled: true, sound: true, dueSoon: true });
  });

  it('starts from defaults when the file is corrupt instead of refusing to start', () => {
    writeFileSync(settingsFile(), '{ not json');
    expect(readSettings(openSettingsStore()).theme).toBe('dark');
  });

  it('persists updates across reopening, changing only the keys sent', () => {
    const store = openSettingsStore();
    updateSettings(store, { displayName: 'Sam', notifications: { sound: false } });
    updateSettings(store, { theme: 'light' });
    const reopened = readSettings(openSettingsStore());
    expect(reopened).toMatchObject({ displayName: 'Sam', theme: 'light', notifications: { enabled: true, sound: false, dueSoon: true } });
  });

  it('round-trips window bounds and ignores absurd ones', () => {
    const store = openSettingsStore();
    saveWindowBounds(store, { x: -5, y: 0, width: 1200, height: 700, maximized: true });
    expect(readWindowBounds(openSettingsStore())).toEqual({ x: -5, y: 0, width: 1200, height: 700, maximized: true });
    saveWindowBounds(store, { width: 1, height: 1, maximized: false });
    expect(readWindowBounds(store)?.width).toBe(1200);
    expect(existsSync(settingsFile())).toBe(true);
  });
});

describe('mergeSettingsPatch', () => {
  const current = {
    displayName: 'Kim', callsign: 'IC', syncServerUrl: 'https://sync.example.org',
    notifications: { enabled: true, sound: false, dueSoon: false }, theme: 'light' as const, wallDisplay: true,
  };

  it('changes only what the patch names, including inside notifications', () => {
    expect(mergeSettingsPatch(current, { notifications: { enabled: false } })).toEqual({
      ...current, notifications: { enabled: false, sound: false, dueSoon: false },
    });
    expect(mergeSettingsPatch(current, {})).toEqual(current);
  });

  it('refuses invalid values and non-http(s) sync servers', () => {
    expect(() => mergeSettingsPatch(current, { theme: 'neon' })).toThrow();
    expect(() => mergeSettingsPatch(current, { displayName: 'x'.repeat(81) })).toThrow();
    expect(() => mergeSettingsPatch(current, { syncServerUrl: 'file:///etc/passwd' })).toThrow(/http/);
    expect(mergeSettingsPatch(current, { syncServerUrl: '' }).syncServerUrl).toBe('');
  });
});
