// This device's localStorage, the one place the renderer touches it (settings in the browser, small per-device
// memories such as which alerts were already notified). Private mode or a full disk degrade to "per session".
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** localStorage when this context has one it may use; undefined otherwise (tests, locked-down browsers). */
export function localStore(): KeyValueStore | undefined {
  try { return typeof localStorage === 'undefined' ? undefined : localStorage; } catch { return undefined; }
}

/** A stored JSON value, or undefined when absent or unreadable. */
export function readLocal(key: string, store: KeyValueStore | undefined = localStore()): unknown {
  try {
    const text = store?.getItem(key);
    return text == null ? undefined : JSON.parse(text) as unknown;
  } catch { return undefined; }
}

/** Stores a JSON value; a failure (private mode, storage full) keeps it for this session only. */
export function writeLocal(key: string, value: unknown, store: KeyValueStore | undefined = localStore()): void {
  try { store?.setItem(key, JSON.stringify(value)); } catch { /* per session */ }
}
