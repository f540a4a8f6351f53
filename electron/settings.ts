// User settings in electron-store (main process only): zod-validated reads and writes, plus file migrations.
import Store, { type Options as StoreOptions } from 'electron-store';
import { z } from 'zod';
import { settingsPatch, settingsSchema, type Settings } from '@shared/ipc/contract';
import { safeExternalUrl } from './app-url';

type StoreData = Record<string, unknown>;
type Migrations = NonNullable<StoreOptions<StoreData>['migrations']>;
type SettingsKey = keyof typeof settingsSchema.shape;
const SETTINGS_KEYS = Object.keys(settingsSchema.shape) as SettingsKey[];

export const windowBoundsSchema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(400).max(20_000),
  height: z.number().int().min(300).max(20_000),
  maximized: z.boolean().default(false),
});
export type WindowBounds = z.infer<typeof windowBoundsSchema>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Migrations keyed by the app version that introduced them (electron-store runs each once, in order).
 * 0.1.0: the pre-contract layout (`name`, `serverUrl`, `notify`, `sound`, `darkMode`, `bounds`) becomes the
 * contract's layout. Each step only rewrites keys that are present, so it is a no-op on a fresh file.
 */
export const settingsMigrations: Migrations = {
  '0.1.0': (store) => {
    const moves: Array<[string, string]> = [['name', 'displayName'], ['serverUrl', 'syncServerUrl'], ['bounds', 'windowBounds']];
    for (const [from, to] of moves) {
      if (store.has(from)) {
        if (!store.has(to)) store.set(to, store.get(from));
        store.delete(from);
      }
    }
    if (store.has('notify') || store.has('sound')) {
      const enabled = store.get('notify');
      const sound = store.get('sound');
      store.set('notifications', {
        enabled: typeof enabled === 'boolean' ? enabled : true,
        sound: typeof sound === 'boolean' ? sound : true,
        dueSoon: true,
      });
      store.delete('notify');
      store.delete('sound');
    }
    if (store.has('darkMode')) {
      store.set('theme', store.get('darkMode') === false ? 'light' : 'dark');
      store.delete('darkMode');
    }
  },
};

export interface SettingsStoreOptions {
  /** Directory of the settings file; defaults to Electron's userData. Migrations run up to app.getVersion(). */
  cwd?: string;
}

export function openSettingsStore(options: SettingsStoreOptions = {}): Store<StoreData> {
  return new Store<StoreData>({
    name: 'settings',
    // A corrupt file must not stop a commander from starting the console mid-incident.
    clearInvalidConfig: true,
    migrations: settingsMigrations,
    ...options,
  });
}

/** Reads settings field by field: an invalid or missing field falls back to its default, the rest survive. */
export function readSettings(store: Store<StoreData>): Settings {
  const data: Record<string, unknown> = {};
  for (const key of SETTINGS_KEYS) {
    const field = settingsSchema.shape[key];
    const parsed = field.safeParse(store.get(key));
    data[key] = parsed.success ? parsed.data : field.parse(undefined);
  }
  return settingsSchema.parse(data);
}

function pick(source: object, keys: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) if (key in source) out[key] = (source as Record<string, unknown>)[key];
  return out;
}

/**
 * Applies a patch from the renderer. Only the keys the caller sent change: zod fills defaults into a
 * partial schema's output, which would otherwise silently reset settings the caller never mentioned.
 */
export function mergeSettingsPatch(current: Settings, raw: unknown): Settings {
  const checked = settingsPatch.safeParse(raw);
  if (!checked.success || !isRecord(raw)) throw new Error('Invalid settings patch');
  const merged: Record<string, unknown> = { ...current, ...pick(checked.data, Object.keys(raw).filter((k) => k !== 'notifications')) };
  if (isRecord(raw.notifications) && checked.data.notifications) {
    merged.notifications = { ...current.notifications, ...pick(checked.data.notifications, Object.keys(raw.notifications)) };
  }
  const next = settingsSchema.parse(merged);
  if (next.syncServerUrl !== '' && safeExternalUrl(next.syncServerUrl) === null) {
    throw new Error('The sync server URL must be an http(s) URL');
  }
  return next;
}

export function updateSettings(store: Store<StoreData>, raw: unknown): Settings {
  const next = mergeSettingsPatch(readSettings(store), raw);
  store.set(next);
  return next;
}

export function readWindowBounds(store: Store<StoreData>): WindowBounds | null {
  const parsed = windowBoundsSchema.safeParse(store.get('windowBounds'));
  return parsed.success ? parsed.data : null;
}

export function saveWindowBounds(store: Store<StoreData>, bounds: WindowBounds): void {
  const parsed = windowBoundsSchema.safeParse(bounds);
  if (parsed.success) store.set('windowBounds', parsed.data);
}

export type SettingsStore = Store<StoreData>;
