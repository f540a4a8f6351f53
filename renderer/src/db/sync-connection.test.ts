// The stored sync connection (round trip, corrupt rows) and the server-address rules of the connect form.
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { IncidentDb } from './schema';
import { clearSyncConnection, normaliseServerUrl, readSyncConnection, saveSyncConnection, SYNC_CONNECTION_KEY, type SyncConnection } from './sync-connection';

const httpPage = { protocol: 'http:', origin: 'http://127.0.0.1:8787' };
const httpsPage = { protocol: 'https:', origin: 'https://console.example.com' };
const electronPage = { protocol: 'app:', origin: 'app://console' };

describe('normaliseServerUrl', () => {
  it('empty means the page’s own server when the page came over http(s)', () => {
    expect(normaliseServerUrl('  ', httpPage)).toEqual({ ok: true, baseUrl: '' });
    expect(normaliseServerUrl('', httpsPage)).toEqual({ ok: true, baseUrl: '' });
  });

  it('empty is refused in Electron (app://) and without a page', () => {
    expect(normaliseServerUrl('', electronPage).ok).toBe(false);
    expect(normaliseServerUrl('', undefined).ok).toBe(false);
  });

  it('keeps origin and path, drops trailing slashes, adds http:// to a bare host', () => {
    expect(normaliseServerUrl('https://sync.example.com/', electronPage)).toEqual({ ok: true, baseUrl: 'https://sync.example.com' });
    expect(normaliseServerUrl('https://example.com/incidents//', electronPage)).toEqual({ ok: true, baseUrl: 'https://example.com/incidents' });
    expect(normaliseServerUrl('10.0.0.5:8787', electronPage)).toEqual({ ok: true, baseUrl: 'http://10.0.0.5:8787' });
    expect(normaliseServerUrl('HTTP://Sync.Example.com:80', electronPage)).toEqual({ ok: true, baseUrl: 'http://sync.example.com' });
  });

  it('the page’s own origin typed out is stored as same-origin', () => {
    expect(normaliseServerUrl('http://127.0.0.1:8787/', httpPage)).toEqual({ ok: true, baseUrl: '' });
  });

  it('refuses other schemes, credentials, queries and fragments', () => {
    for (const bad of ['ftp://example.com', 'file:///etc/passwd', 'javascript://alert(1)', 'https://user:pw@example.com', 'https://example.com/?x=1', 'https://example.com/#a', 'http://exa mple.com']) {
      const result = normaliseServerUrl(bad, electronPage);
      expect(result.ok, bad).toBe(false);
      if (!result.ok) expect(result.error.length).toBeGreaterThan(10);
    }
  });

  it('refuses plain http from an https page (mixed content) except to this machine', () => {
    expect(normaliseServerUrl('http://sync.example.com', httpsPage)).toMatchObject({ ok: false, error: expect.stringContaining('https') });
    expect(normaliseServerUrl('http://localhost:8787', httpsPage)).toEqual({ ok: true, baseUrl: 'http://localhost:8787' });
  });
});

describe('stored connection', () => {
  const dbs: IncidentDb[] = [];
  afterEach(async () => { for (const db of dbs.splice(0)) { db.close(); await Dexie.delete(db.name); } });
  const fresh = (): IncidentDb => { const db = new IncidentDb(`conn-${dbs.length}-${Math.random()}`); dbs.push(db); return db; };
  const connection: SyncConnection = {
    baseUrl: 'https://sync.example.com', token: 'tok_abc', workspace: '0b6f2c1e-8a8e-4d6f-9d0e-3f8b7a1c2d3e', workspaceName: 'SRE',
    deviceId: 'dev-1', deviceName: 'Ada’s laptop', role: 'member', connectedAt: '2026-11-28T08:00:00.000Z',
  };

  it('is absent on a new device, survives reopening, and is gone after clearing', async () => {
    const db = fresh();
    expect(await readSyncConnection(db)).toBeNull();
    await saveSyncConnection(db, connection);
    db.close();
    const again = new IncidentDb(db.name);
    dbs.push(again);
    expect(await readSyncConnection(again)).toEqual(connection);
    await clearSyncConnection(again);
    expect(await readSyncConnection(again)).toBeNull();
  });

  it('an unreadable stored row counts as not connected', async () => {
    const db = fresh();
    await db.meta.put({ key: SYNC_CONNECTION_KEY, value: { ...connection, workspace: 'not-a-workspace' } });
    expect(await readSyncConnection(db)).toBeNull();
    await db.meta.put({ key: SYNC_CONNECTION_KEY, value: 'garbage' });
    expect(await readSyncConnection(db)).toBeNull();
  });

  it('refuses to store an invalid connection', async () => {
    await expect(saveSyncConnection(fresh(), { ...connection, token: '' })).rejects.toThrow();
  });
});
