// The server comes back older (restored from a backup taken halfway): the consoles notice the new epoch, read
// everything again and give back what the server lost, their own events through their outbox and everyone else's
// as signed relayed copies. At the end every console and the server hold the same events, each once.
import 'fake-indexeddb/auto'; // before anything loads Dexie (the renderer's modules below do)
import { afterAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { cpSync, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IncidentEvent } from '@shared/incident/events';
import { canonicalJson } from '@shared/incident/canonical';
import { createSyncServer, type SyncServer } from '../../server/src/app';
import { bootstrapIfEmpty } from '../../server/src/bootstrap';
import { openStore, type Store } from '../../server/src/db/open';
import { writeBackup } from '../../server/src/backup/dump';
import { restoreBackup } from '../../server/src/backup/restore';
import { createInvite } from '../../server/src/store/workspaces';
import { runAdminCommand } from '../../server/src/backup/cli';
import { loadConfig } from '../../server/src/config';
import { readSyncConnection } from '../../renderer/src/db/sync-connection';
import { knownServerKey, signedForArchive } from '../../renderer/src/db/archive-signing';
import { appendServerEvents } from '../../server/src/store/server-events';
import { verifyArchiveSignatures } from '@shared/pir/archive-signatures';
import { connectConsole, type TestConsole } from './consoles';

async function until(what: string, check: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const root = mkdtempSync(join(tmpdir(), 'ic-recovery-'));
const consoles: TestConsole[] = [];
let running: { server: SyncServer; store: Store } | undefined;
afterAll(async () => {
  for (const c of consoles) await c.close();
  await running?.server.close();
  await running?.store.close();
  rmSync(root, { recursive: true, force: true });
});

async function serve(dataDir: string, port: number): Promise<{ server: SyncServer; store: Store; url: string }> {
  const store = await openStore({ dataDir });
  const server = await createSyncServer({ store, rateLimitPerMinute: 1_000_000, joinRateLimitPerMinute: 1_000 });
  const url = await server.app.listen({ host: '127.0.0.1', port });
  running = { server, store };
  return { server, store, url };
}

async function stop(): Promise<void> {
  await running?.server.close();
  await running?.store.close();
  running = undefined;
}

async function serverEvents(store: Store): Promise<IncidentEvent[]> {
  const rows = await store.db.selectFrom('events').select(['body']).orderBy('seq').execute();
  return rows.map((r) => r.body as IncidentEvent);
}

/** Content as the fold sees it: marks and signatures aside. */
const content = (e: IncidentEvent) => {
  const { relayed: _r, imported: _i, sig: _s, ...rest } = e;
  return canonicalJson(rest);
};

describe('recovery when the server comes back older', () => {
  it('three consoles write, the server is restored from a backup taken halfway, and after reconnecting everyone holds every event exactly once', { timeout: 240_000 }, async () => {
    const first = await serve(join(root, 'live'), 0);
    const port = Number(new URL(first.url).port);
    const boot = await bootstrapIfEmpty(first.store.db, 'SRE');
    if (!boot) throw new Error('expected a new workspace');
    const invite = async (role: 'admin' | 'member') => (await createInvite(first.store.db, boot.workspaceId, { role, maxUses: 1, expiresInHours: 1 })).inviteCode;
    const ic = await connectConsole(first.url, boot.invite.inviteCode, 'Ada');
    const scribe = await connectConsole(first.url, await invite('member'), 'Bo');
    const comms = await connectConsole(first.url, await invite('member'), 'Cy');
    consoles.push(ic, scribe, comms);
    const incident = randomUUID();
    const all = [ic, scribe, comms];
    const writeRound = async (label: string) => {
      for (const c of all) for (let i = 0; i < 5; i++) await c.write(incident, `${label} ${c.name} ${i}`);
      for (const c of all) expect(await c.settle()).toBe(true);
      for (const c of all) expect(await c.settle()).toBe(true); // everyone has pulled everyone's
    };
    await writeRound('before the backup');

    const file = join(root, 'halfway.icb');
    const out = createWriteStream(file);
    await writeBackup(first.store.db, out, { kind: 'full', store: 'pglite' });

    await writeRound('after the backup');
    // Bo also writes something only Bo holds when the server goes down (it never reaches the old server).
    await stop();
    const onlyBo = await scribe.write(incident, 'written while the server was down');

    const restoredDir = join(root, 'restored');
    const fresh = await openStore({ dataDir: restoredDir });
    await restoreBackup(fresh.db, file);
    await fresh.close();
    const second = await serve(restoredDir, port);
    const lost = [...new Map((await Promise.all(all.map((c) => c.events()))).flat()
      .filter((e) => e.type === 'entry.added' && e.payload.text.startsWith('after the backup')).map((e) => [e.id, e])).values()];
    expect(lost.length).toBe(15);
    expect((await serverEvents(second.store)).some((e) => e.id === lost[0]?.id)).toBe(false); // the restore lost them

    // Back online: everyone keeps writing.
    for (const c of all) await c.write(incident, `after the restore ${c.name}`);
    for (let i = 0; i < 3; i++) for (const c of all) expect(await c.settle()).toBe(true);

    const onServer = await serverEvents(second.store);
    const serverIds = onServer.map((e) => e.id);
    expect(new Set(serverIds).size).toBe(serverIds.length); // none twice
    const expected = new Map<string, string>();
    for (const c of all) for (const e of await c.events()) expected.set(e.id, content(e));
    expect(expected.has(onlyBo.id)).toBe(true);
    // The server holds every event any console holds, with the same content; every console holds all of them.
    expect(new Map(onServer.map((e) => [e.id, content(e)]))).toEqual(expected);
    for (const c of all) expect(new Map((await c.events()).map((e) => [e.id, content(e)]))).toEqual(expected);
    // Lost events came back as their authors wrote them: Ada's own through Ada, others' relayed and signed.
    const back = onServer.filter((e) => lost.some((l) => l.id === e.id));
    expect(back).toHaveLength(15);
    for (const e of back) expect(e.sig).toMatch(/^[A-Za-z0-9_-]{86}$/);
    for (const c of all) expect(c.status()?.recovery).toMatchObject({ state: 'done', refused: 0 });
    // The first console back gave back all 15 (its own 5 through its outbox, 10 relayed); the others found nothing missing.
    expect(ic.status()?.recovery).toMatchObject({ requeued: 5, relayed: 10 });
    for (const c of [scribe, comms]) expect(c.status()?.recovery).toMatchObject({ requeued: 0, relayed: 0 });
  });

  it('no backup at all: the admin recreates the workspace under its id, the consoles connect again with invites and refill it', { timeout: 240_000 }, async () => {
    const first = await serve(join(root, 'lost'), 0);
    const port = Number(new URL(first.url).port);
    const boot = await bootstrapIfEmpty(first.store.db, 'SRE');
    if (!boot) throw new Error('expected a new workspace');
    const invite = async (db: Store['db'], workspaceId: string) => (await createInvite(db, workspaceId, { role: 'member', maxUses: 1, expiresInHours: 1 })).inviteCode;
    const ic = await connectConsole(first.url, boot.invite.inviteCode, 'Dee');
    const others = [await connectConsole(first.url, await invite(first.store.db, boot.workspaceId), 'Eli'), await connectConsole(first.url, await invite(first.store.db, boot.workspaceId), 'Flo')];
    const all = [ic, ...others];
    consoles.push(...all);
    const incident = randomUUID();
    for (const c of all) for (let i = 0; i < 5; i++) await c.write(incident, `${c.name} ${i}`);
    // The server writes in its own name too (alerts, delivery results, acknowledgements), signed with its key.
    await appendServerEvents(first.server.ctx, boot.workspaceId, [{ incidentId: incident, type: 'entry.added', payload: { kind: 'note', text: 'written by the server' } }]);
    for (let i = 0; i < 2; i++) for (const c of all) expect(await c.settle()).toBe(true);
    const lostServerKey = first.server.ctx.serverKey.publicKey;
    await until('the console knows the server key', async () => (await knownServerKey(ic.db)) === lostServerKey);
    await stop();

    // Everything on the server is gone, and there is no backup. The admin recreates the workspace under its id,
    // trusting the lost server's key as the Server page shows it.
    const printed: string[] = [];
    const code = await runAdminCommand({ op: 'recreate-workspace', workspaceId: boot.workspaceId, formerServerKey: (await knownServerKey(ic.db)) as string }, loadConfig({ DATA_DIR: join(root, 'recreated'), WORKSPACE_NAME: 'SRE' }), (l) => printed.push(l), (l) => printed.push(l));
    expect(code, printed.join('\n')).toBe(0);
    const adminInvite = /ADMIN invite code: (\S+) /.exec(printed.join('\n'))?.[1] as string;
    const second = await serve(join(root, 'recreated'), port);
    // Their old tokens are unknown here: each console connects again with a new invite, into the same workspace.
    expect(await ic.settle(2)).toBe(false);
    expect(ic.status()?.error?.code).toBe('unauthorized');
    await ic.service.connect({ serverUrl: first.url, inviteCode: adminInvite, deviceName: 'Dee laptop' });
    for (const c of others) await c.service.connect({ serverUrl: first.url, inviteCode: await invite(second.store.db, boot.workspaceId), deviceName: `${c.name} laptop` });
    for (let i = 0; i < 3; i++) for (const c of all) expect(await c.settle()).toBe(true);

    const expected = new Map<string, string>();
    for (const c of all) for (const e of await c.events()) expected.set(e.id, content(e));
    expect(expected.size).toBe(16);
    expect(new Map((await serverEvents(second.store)).map((e) => [e.id, content(e)]))).toEqual(expected);
    for (const c of all) expect(new Map((await c.events()).map((e) => [e.id, content(e)]))).toEqual(expected);
    for (const c of all) expect(c.status()?.recovery).toMatchObject({ state: 'done', refused: 0 });

    // An archive exported now still proves the lost server's events: the console keeps the key it knew as a former one.
    await until('the console reads the new server key', async () => (await knownServerKey(ic.db)) === second.server.ctx.serverKey.publicKey);
    const { events: archived, signers } = await signedForArchive(ic.db, await ic.events());
    expect(signers.formerServer).toEqual([lostServerKey]);
    expect((await verifyArchiveSignatures(archived, signers)).invalid).toEqual([]);
    const byServer = archived.filter((e) => e.type === 'entry.added' && e.payload.text === 'written by the server');
    expect(await verifyArchiveSignatures(byServer, signers)).toMatchObject({ verified: 1, invalid: [] });
  });

  it('the data directory put back from a copy (same epoch): a console that pushes first, moving the head past its cursor, still notices by the mark of its cursor, and nothing is lost or missed', { timeout: 240_000 }, async () => {
    const dir = join(root, 'copied');
    const first = await serve(dir, 0);
    const port = Number(new URL(first.url).port);
    const boot = await bootstrapIfEmpty(first.store.db, 'SRE');
    if (!boot) throw new Error('expected a new workspace');
    const ada = await connectConsole(first.url, boot.invite.inviteCode, 'Ada');
    const bo = await connectConsole(first.url, (await createInvite(first.store.db, boot.workspaceId, { role: 'member', maxUses: 1, expiresInHours: 1 })).inviteCode, 'Bo');
    const all = [ada, bo];
    consoles.push(...all);
    const incident = randomUUID();
    const writeRound = async (label: string, n = 5) => {
      for (const c of all) for (let i = 0; i < n; i++) await c.write(incident, `${label} ${c.name} ${i}`);
      for (let i = 0; i < 2; i++) for (const c of all) expect(await c.settle()).toBe(true);
    };
    await writeRound('before the copy');
    // A file-level copy of the stopped server's data directory (a VM snapshot, a nightly tar), not --backup.
    await stop();
    cpSync(dir, `${dir}-copy`, { recursive: true });
    await serve(dir, port);
    await writeRound('after the copy');
    const epochBefore = (await fetch(`${first.url}/api/v1/sync/pull?workspace=${boot.workspaceId}&after=0&limit=1`, { headers: { authorization: `Bearer ${(await readSyncConnection(ada.db))?.token}` } }).then((r) => r.json()) as { epoch: string }).epoch;

    // The copy is put back: same epoch, ten events fewer. Ada wrote fifteen meanwhile; her push moves the head past
    // her cursor before she pulls, so only the mark of her cursor can tell her.
    await stop();
    rmSync(dir, { recursive: true, force: true });
    cpSync(`${dir}-copy`, dir, { recursive: true });
    const second = await serve(dir, port);
    for (let i = 0; i < 15; i++) await ada.write(incident, `while it was down Ada ${i}`);
    expect(await ada.settle()).toBe(true);
    const page = await fetch(`${first.url}/api/v1/sync/pull?workspace=${boot.workspaceId}&after=0&limit=1`, { headers: { authorization: `Bearer ${(await readSyncConnection(ada.db))?.token}` } }).then((r) => r.json()) as { epoch: string };
    expect(page.epoch).toBe(epochBefore); // nothing told the server its history went back
    for (let i = 0; i < 3; i++) for (const c of all) expect(await c.settle()).toBe(true);

    const onServer = await serverEvents(second.store);
    expect(new Set(onServer.map((e) => e.id)).size).toBe(onServer.length);
    const expected = new Map<string, string>();
    for (const c of all) for (const e of await c.events()) expected.set(e.id, content(e));
    expect([...expected.values()].filter((c) => c.includes('after the copy'))).toHaveLength(10);
    expect(new Map(onServer.map((e) => [e.id, content(e)]))).toEqual(expected);
    for (const c of all) expect(new Map((await c.events()).map((e) => [e.id, content(e)]))).toEqual(expected);
    for (const c of all) expect(c.status()?.recovery?.state).toBe('done');
  });

  describe('a restricted incident across the rollback', () => {
    /** Three consoles on a new server; Ada opens incident X with an entry from each, everyone has it all. */
    async function world(name: string) {
      const first = await serve(join(root, name), 0);
      const port = Number(new URL(first.url).port);
      const boot = await bootstrapIfEmpty(first.store.db, 'SRE');
      if (!boot) throw new Error('expected a new workspace');
      const invite = async () => (await createInvite(first.store.db, boot.workspaceId, { role: 'member', maxUses: 1, expiresInHours: 1 })).inviteCode;
      const ada = await connectConsole(first.url, boot.invite.inviteCode, 'Ada');
      const bo = await connectConsole(first.url, await invite(), 'Bo');
      const cy = await connectConsole(first.url, await invite(), 'Cy');
      const all = [ada, bo, cy];
      consoles.push(...all);
      const x = randomUUID();
      const now = new Date().toISOString();
      await ada.record([{ incidentId: x, type: 'incident.opened', payload: { title: 'Credentials leaked', detectedAt: now, impactStartedAt: now, severity: 'P1' } }]);
      for (const c of all) await c.write(x, `open: ${c.name}`);
      const settleAll = async (who = all) => { for (let i = 0; i < 2; i++) for (const c of who) expect(await c.settle(), `${c.name} settles`).toBe(true); };
      await settleAll();
      const backup = async () => {
        const file = join(root, `${name}.icb`);
        await writeBackup(first.store.db, createWriteStream(file), { kind: 'full', store: 'pglite' });
        return file;
      };
      const restore = async (file: string) => {
        await stop();
        const dir = join(root, `${name}-restored`);
        const fresh = await openStore({ dataDir: dir });
        await restoreBackup(fresh.db, file);
        await fresh.close();
        return serve(dir, port);
      };
      const texts = async (c: TestConsole) => (await c.events()).flatMap((e) => (e.type === 'entry.added' ? [e.payload.text] : []));
      return { ada, bo, cy, all, x, settleAll, backup, restore, texts };
    }

    it('restricted after the backup: the restriction is back on the server before any of its later entries, so no other console ever receives them', { timeout: 240_000 }, async () => {
      const { ada, bo, cy, all, x, settleAll, backup, restore, texts } = await world('restricted-after');
      const file = await backup(); // X is open in the backup
      await ada.record([
        { incidentId: x, type: 'visibility.changed', payload: { to: 'restricted', reason: 'security incident' } },
        { incidentId: x, type: 'participant.invited', payload: { person: 'Bo' } },
      ]);
      await settleAll();
      for (let i = 0; i < 3; i++) await bo.write(x, `secret: Bo ${i}`);
      await settleAll([bo, ada]);
      await settleAll();
      expect(await texts(cy)).not.toContain('open: Ada'); // Cy purged X when it was restricted
      await bo.closeLid();
      await cy.closeLid();

      const second = await restore(file); // X open again on the server; Bo's entries and the restriction lost
      // Ada is back first: her own restriction goes back through her outbox, Bo's entries as relayed copies.
      expect(await ada.settle()).toBe(true);
      const log = await serverEvents(second.store);
      const restrictedAt = log.findIndex((e) => e.type === 'visibility.changed');
      const secrets = log.flatMap((e, i) => (e.type === 'entry.added' && e.payload.text.startsWith('secret') ? [i] : []));
      expect(secrets).toHaveLength(3);
      expect(restrictedAt).toBeGreaterThanOrEqual(0);
      for (const at of secrets) expect(at, 'each secret entry is stored after the restriction').toBeGreaterThan(restrictedAt);

      await bo.openLid();
      await cy.openLid();
      await settleAll();
      expect((await texts(cy)).filter((t) => t.startsWith('secret') || t.startsWith('open'))).toEqual([]);
      expect((await texts(bo)).filter((t) => t.startsWith('secret'))).toHaveLength(3);
      for (const c of all) expect(c.status()?.recovery?.state).toBe('done');
    });

    it('invited after the backup: the invited console does not purge what the restored server hides from it, and gives back the invitation and its own entries', { timeout: 240_000 }, async () => {
      const { ada, bo, all, x, settleAll, backup, restore, texts } = await world('invited-after');
      await ada.record([{ incidentId: x, type: 'visibility.changed', payload: { to: 'restricted', reason: 'security incident' } }]);
      await settleAll();
      const file = await backup(); // X restricted in the backup, Bo not in it
      await ada.record([{ incidentId: x, type: 'participant.invited', payload: { person: 'Bo' } }]);
      expect(await ada.settle()).toBe(true);
      await ada.closeLid(); // Ada never learns what Bo writes next
      expect(await bo.settle()).toBe(true);
      for (let i = 0; i < 3; i++) await bo.write(x, `only Bo: ${i}`);
      expect(await bo.settle()).toBe(true); // on the old server only

      const second = await restore(file);
      // Bo is back first: the restored server says Bo may not see X. Bo holds the only copies of its entries.
      expect(await bo.settle()).toBe(true);
      expect(await bo.settle()).toBe(true);
      expect((await texts(bo)).filter((t) => t.startsWith('only Bo'))).toHaveLength(3);
      const log = await serverEvents(second.store);
      expect(log.some((e) => e.type === 'participant.invited')).toBe(true);
      expect(log.filter((e) => e.type === 'entry.added' && e.payload.text.startsWith('only Bo'))).toHaveLength(3);

      await ada.openLid();
      await settleAll();
      expect((await texts(ada)).filter((t) => t.startsWith('only Bo'))).toHaveLength(3);
      for (const c of all) expect(c.status()?.recovery?.state).toBe('done');
    });
  });
});
