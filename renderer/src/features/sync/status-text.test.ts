// What the top-bar sync status says in each state (local only, offline with waiting entries, revoked, ...).
import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '@shared/sync/engine';
import { chipText, formatSyncedAt, recoveryText } from './status-text';

const base: SyncStatus = { state: 'online', lastSyncedAt: '2026-11-28T08:00:00.000Z', pending: 0, error: null, realtime: true, held: 0, heldReason: null, quarantined: 0, recovery: null };

describe('chipText', () => {
  it('says Local only when not connected, whatever the engine said last', () => {
    expect(chipText(false, null)).toMatchObject({ tone: 'local', label: 'Local only', detail: '', waiting: '', synced: '' });
    expect(chipText(false, base).label).toBe('Local only');
  });

  it('online: last synced time, nothing waiting', () => {
    const t = chipText(true, base);
    expect(t).toMatchObject({ tone: 'online', label: 'Online' });
    expect(t.detail).toMatch(/^synced \S/);
    expect(t.detail).not.toContain('waiting');
  });

  it('shows the last sync on the 24-hour clock like every other time in the console (no AM/PM)', () => {
    const evening = new Date(2026, 10, 28, 18, 51, 7).toISOString();
    expect(chipText(true, { ...base, lastSyncedAt: evening }).detail).toBe('synced 18:51');
    expect(formatSyncedAt(evening, true)).toBe('18:51:07');
  });

  it('offline: counts entries waiting to go out; never synced says so', () => {
    const t = chipText(true, { ...base, state: 'offline', lastSyncedAt: null, pending: 3, error: { code: 'network', message: 'Failed to fetch' } });
    expect(t).toMatchObject({ tone: 'offline', label: 'Offline', detail: 'not synced yet · 3 waiting to send', waiting: '3 waiting to send', synced: 'not synced yet' });
  });

  it('a refused device stops with a prompt to connect again; other errors keep retrying', () => {
    expect(chipText(true, { ...base, state: 'error', error: { code: 'unauthorized', message: 'revoked' } })).toMatchObject({ tone: 'error', label: 'Sync stopped' });
    expect(chipText(true, { ...base, state: 'error', error: { code: 'forbidden_workspace', message: 'x' } }).label).toBe('Sync stopped');
    expect(chipText(true, { ...base, state: 'error', error: { code: 'clock_skew', message: 'clock far ahead' } })).toMatchObject({ label: 'Sync error', title: 'clock far ahead' });
  });

  it('entries the server refused are counted among those waiting and explained', () => {
    const t = chipText(true, { ...base, pending: 2, held: 1, heldReason: { code: 'clock_skew', message: 'clock 10 min ahead' } });
    expect(t.detail).toContain('2 waiting to send (1 refused)');
    expect(t.title).toContain('clock 10 min ahead');
  });

  it('syncing', () => {
    expect(chipText(true, { ...base, state: 'syncing' })).toMatchObject({ tone: 'syncing', label: 'Syncing' });
  });
});

describe('the server recovery line', () => {
  it('says what this console gave back when the server came back older, and what waits for its authors', () => {
    expect(recoveryText(base)).toBeNull();
    const at = '2026-11-28T08:05:00.000Z';
    const done = { ...base, recovery: { state: 'done' as const, epoch: 'e2', at, requeued: 3, relayed: 12, refused: 0, lastRefusal: null } };
    expect(recoveryText(done)).toMatch(/^The server came back with an older history \(\d\d:\d\d\): this console sent back 3 entries of its own and 12 entries others wrote\.$/);
    const nothing = { ...done, recovery: { ...done.recovery, requeued: 0, relayed: 0 } };
    expect(recoveryText(nothing)).toMatch(/it already had everything this console holds\.$/);
    const waiting = { ...done, recovery: { ...done.recovery, state: 'incomplete' as const, refused: 2, lastRefusal: { id: 'x', error: 'unknown_signer', message: 'dev-9 has no key registered on this server' } } };
    expect(recoveryText(waiting)).toMatch(/; 2 entries refused \(dev-9 has no key registered on this server\), tried again when their authors reconnect\.$/);
  });
});
