// One server (or any other thing to close) for a whole test file, or for the `describe` that calls this: the suite
// starts each server once per file, not per test.
import { afterAll, beforeAll } from 'vitest';

/**
 * Opened in beforeAll, closed in afterAll. Read its fields inside hooks and tests (before it is open they throw
 * saying so); `open` is called once.
 */
export function perFile<T extends { close(): Promise<void> }>(open: () => Promise<T>, timeoutMs = 180_000): T {
  let value: T | undefined;
  beforeAll(async () => { value = await open(); }, timeoutMs);
  afterAll(async () => { await value?.close(); });
  return new Proxy({} as T, {
    get(_, key) {
      if (!value) throw new Error(`read ${String(key)} before the file's server was open`);
      return value[key as keyof T];
    },
    set(_, key) {
      throw new Error(`${String(key)} of the file's server cannot be replaced; open another one in the test`);
    },
  });
}
