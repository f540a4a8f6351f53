// Browser settings fallback: field-by-field repair, patches that change only what they name, refused bad patches.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, LEGACY_THEME_KEY, mergeSettings, parseStoredSettings, readSettings, SETTINGS_STORAGE_KEY, writeSettings, type KeyValueStore } from './browser-settings';

function memoryStore(initial?: string): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  if (initial !== undefined) data.set(SETTINGS_STORAGE_KEY, initial);
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => { data.set(k, v); }, removeItem: (k) => { data.delete(k); } };
}

describe('browser settings', () => {
  it('starts from the contract defaults when nothing or garbage is stored', () => {
    expect(readSettings(memoryStore())).toEqual(DEFAULT_SETTINGS);
    expect(readSettings(memoryStore('{not json'))).toEqual(DEFAULT_SETTINGS);
    expect(readSettings(undefined)).toEqual(DEFAULT_SETTINGS);
    expect(DEFAULT_SETTINGS.notifications).toEqual({ enabled: true, sound: true, dueSoon: true });
  });

  it('keeps valid fields when another field is invalid', () => {
    const s = parseStoredSettings({ displayName: 'Dana', theme: 'purple', wallDisplay: 'yes', notifications: { enabled: false, sound: 3 } });
    expect(s.displayName).toBe('Dana');
    expect(s.theme).toBe('dark');
    expect(s.wallDisplay).toBe(false);
    expect(s.notifications).toEqual({ enabled: false, sound: true, dueSoon: true });
  });

  it('a patch changes only the keys it holds, notification flags one by one', () => {
    const current = { ...DEFAULT_SETTINGS, displayName: 'Dana', theme: 'light' as const };
    const next = mergeSettings(current, { notifications: { dueSoon: false } });
    expect(next).toEqual({ ...current, notifications: { enabled: true, sound: true, dueSoon: false } });
  });

  it('writes through storage and reads back what was written', () => {
    const store = memoryStore();
    writeSettings(store, { theme: 'system' });
    const after = writeSettings(store, { notifications: { enabled: false } });
    expect(after.theme).toBe('system');
    expect(after.notifications.enabled).toBe(false);
    expect(readSettings(store)).toEqual(after);
  });

  it('does not reset unsent keys to defaults (zod fills defaults into partial output)', () => {
    const store = memoryStore(JSON.stringify({ ...DEFAULT_SETTINGS, theme: 'light', wallDisplay: true }));
    const after = writeSettings(store, { callsign: 'Bravo-1' });
    expect(after).toMatchObject({ theme: 'light', wallDisplay: true, callsign: 'Bravo-1' });
  });

  it('refuses an invalid patch and leaves storage untouched', () => {
    const stored = JSON.stringify({ ...DEFAULT_SETTINGS, displayName: 'Dana' });
    const store = memoryStore(stored);
    expect(() => writeSettings(store, { theme: 'neon' })).toThrow(/theme/);
    expect(() => writeSettings(store, { notifications: { enabled: 'no' } })).toThrow(/notifications\.enabled/);
    expect(store.data.get(SETTINGS_STORAGE_KEY)).toBe(stored);
  });

  it('moves the theme the toggle kept under its own key into settings once, then drops the key', () => {
    const store = memoryStore(JSON.stringify({ ...DEFAULT_SETTINGS, displayName: 'Dana', theme: 'dark' }));
    store.data.set(LEGACY_THEME_KEY, 'light');
    expect(readSettings(store)).toMatchObject({ theme: 'light', displayName: 'Dana' });
    expect(store.data.has(LEGACY_THEME_KEY)).toBe(false);
    expect(JSON.parse(store.data.get(SETTINGS_STORAGE_KEY) ?? '{}')).toMatchObject({ theme: 'light', displayName: 'Dana' });
    // A later change of the setting is not undone by the old key.
    writeSettings(store, { theme: 'system' });
    expect(readSettings(store).theme).toBe('system');
  });

  it('drops an unreadable old theme key and keeps the stored theme', () => {
    const store = memoryStore(JSON.stringify({ ...DEFAULT_SETTINGS, theme: 'light' }));
    store.data.set(LEGACY_THEME_KEY, 'neon');
    expect(readSettings(store).theme).toBe('light');
    expect(store.data.has(LEGACY_THEME_KEY)).toBe(false);
  });
});
