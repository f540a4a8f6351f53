// Browser fallback for desktop settings: the same schema as electron-store, kept in localStorage, repaired field by field.
import { settingsSchema, type Settings, type SettingsPatch } from '@shared/ipc/contract';
import { describeIssues } from '@shared/validation/zod-issues';
import { readLocal, writeLocal, type KeyValueStore } from './local-store';

export type { KeyValueStore } from './local-store';
export const SETTINGS_STORAGE_KEY = 'incident-console.settings';
/** Where the theme toggle kept its choice before settings owned the theme; read once, then removed. */
export const LEGACY_THEME_KEY = 'incident-console.theme';

export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({});

const fieldSchemas = settingsSchema.shape;
const notificationFields = fieldSchemas.notifications.unwrap().shape;

/**
 * Reads stored settings without losing good fields to a bad one: each field is parsed on its own and an invalid
 * or missing field falls back to its default (as main does with electron-store). Anything unparseable gives defaults.
 */
export function parseStoredSettings(raw: unknown): Settings {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return structuredClone(DEFAULT_SETTINGS);
  const r = raw as Record<string, unknown>;
  const pick = <K extends Exclude<keyof Settings, 'notifications'>>(key: K): Settings[K] => {
    const parsed = fieldSchemas[key].safeParse(r[key]);
    return (parsed.success ? parsed.data : DEFAULT_SETTINGS[key]) as Settings[K];
  };
  const n = r.notifications && typeof r.notifications === 'object' ? r.notifications as Record<string, unknown> : {};
  const flag = (key: keyof Settings['notifications']): boolean => {
    const parsed = notificationFields[key].safeParse(n[key]);
    return parsed.success ? parsed.data : DEFAULT_SETTINGS.notifications[key];
  };
  return {
    displayName: pick('displayName'),
    callsign: pick('callsign'),
    syncServerUrl: pick('syncServerUrl'),
    theme: pick('theme'),
    wallDisplay: pick('wallDisplay'),
    notifications: { enabled: flag('enabled'), sound: flag('sound'), dueSoon: flag('dueSoon') },
  };
}

/** Partial notification flags: a patch changes only the flags it names (as main does). */
export type BrowserSettingsPatch = Omit<SettingsPatch, 'notifications'> & { notifications?: Partial<Settings['notifications']> };

/** Applies a patch: only the keys it holds change, notification flags one by one; the result is re-validated. */
export function mergeSettings(current: Settings, patch: BrowserSettingsPatch): Settings {
  const { notifications, ...rest } = patch;
  const defined = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
  const flags = Object.fromEntries(Object.entries(notifications ?? {}).filter(([, v]) => v !== undefined));
  return parseStoredSettings({ ...current, ...defined, notifications: { ...current.notifications, ...flags } });
}

export function readSettings(store: KeyValueStore | undefined): Settings {
  if (!store) return structuredClone(DEFAULT_SETTINGS);
  const settings = parseStoredSettings(readLocal(SETTINGS_STORAGE_KEY, store));
  return adoptLegacyTheme(store, settings);
}

/**
 * The toggle's old theme key was the browser's record of the theme (it won over settings): its choice moves into
 * settings once and the key goes, so the theme has one owner.
 */
function adoptLegacyTheme(store: KeyValueStore, settings: Settings): Settings {
  let legacy: string | null = null;
  try { legacy = store.getItem(LEGACY_THEME_KEY); } catch { return settings; }
  if (legacy === null) return settings;
  const theme = fieldSchemas.theme.safeParse(legacy);
  const next = theme.success ? { ...settings, theme: theme.data } : settings;
  writeLocal(SETTINGS_STORAGE_KEY, next, store);
  try { store.removeItem(LEGACY_THEME_KEY); } catch { /* read again next time: same result */ }
  return next;
}

const patchSchema = settingsSchema.partial().extend({ notifications: fieldSchemas.notifications.unwrap().partial().optional() });

function sentKeys<T extends object>(data: T, raw: unknown): Partial<T> {
  if (!raw || typeof raw !== 'object') return {};
  return Object.fromEntries(Object.entries(data).filter(([k]) => k in raw)) as Partial<T>;
}

/** Validates the patch like main's IPC handler (invalid patches are refused), merges and writes; returns what is stored. */
export function writeSettings(store: KeyValueStore | undefined, patch: unknown): Settings {
  const parsed = patchSchema.safeParse(patch);
  if (!parsed.success) throw new Error(`Invalid settings: ${describeIssues(parsed.error).join('; ')}`);
  // zod fills defaults into a partial schema's output, so the raw keys decide what changes.
  const raw = patch as Record<string, unknown>;
  const { notifications, ...top } = sentKeys(parsed.data, raw);
  const sent: BrowserSettingsPatch = { ...top, ...(notifications ? { notifications: sentKeys(notifications, raw.notifications) } : {}) };
  const next = mergeSettings(readSettings(store), sent);
  writeLocal(SETTINGS_STORAGE_KEY, next, store);
  return next;
}
