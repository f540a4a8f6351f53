// Recently verified device tokens, per database handle: lets a push skip the token round trip, because the
// push's own statement re-checks the token (revoked devices are refused there). Nothing else trusts it.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { Caller } from '../store/workspaces';

/** A device's entry is looked up again after this long (it also refreshes `last_seen_at`, at most once a minute). */
const TTL_MS = 60_000;
/** Bounded: a flood of distinct valid tokens cannot grow memory without limit. */
const MAX_ENTRIES = 10_000;

interface Entry { caller: Caller; at: number }

export class TokenCache {
  private readonly entries = new Map<string, Entry>();

  get(tokenHash: string, now = Date.now()): Caller | undefined {
    const entry = this.entries.get(tokenHash);
    if (!entry) return undefined;
    if (now - entry.at > TTL_MS) {
      this.entries.delete(tokenHash);
      return undefined;
    }
    return entry.caller;
  }

  set(tokenHash: string, caller: Caller, now = Date.now()): void {
    if (this.entries.size >= MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value; // Map keeps insertion order
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.delete(tokenHash);
    this.entries.set(tokenHash, { caller, at: now });
  }

  delete(tokenHash: string): void {
    this.entries.delete(tokenHash);
  }

  /** A revoked device: forget every token of it at once. */
  forgetDevice(deviceId: string): void {
    for (const [hash, entry] of this.entries) if (entry.caller.deviceId === deviceId) this.entries.delete(hash);
  }
}

const caches = new WeakMap<Kysely<Database>, TokenCache>();

/** One cache per database handle (tests run several servers on different stores in one process). */
export function tokenCacheFor(db: Kysely<Database>): TokenCache {
  let cache = caches.get(db);
  if (!cache) {
    cache = new TokenCache();
    caches.set(db, cache);
  }
  return cache;
}
