// Acknowledge links across a restore: a page sent after the backup was taken is not sent again when the server comes
// back older (its outcome comes back with a console), and its link still resolves to exactly one acknowledgement,
// whether the person acknowledged before the rollback or only after it.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEvent } from '@shared/incident/create';
import type { IncidentEvent } from '@shared/incident/events';
import { HybridClock } from '@shared/hlc/hlc';
import { onCallAt } from '@shared/oncall/rotation';
import { defaultPlan } from '@shared/plan/default-plan';
import { TEAM_STREAM_ID } from '@shared/workspace/streams';
import { createSyncServer, type SyncServer } from '../src/app';
import { writeBackup } from '../src/backup/dump';
import { restoreBackup } from '../src/backup/restore';
import { openStore, type Store } from '../src/db/open';
import { parseOutboundAllow } from '../src/outbound/policy';
import { Commander, deliverySettings, pullAll, pushAll, until } from './delivery-fixtures';
import { startReceiver, type Receiver } from '../../test/helpers/receiver';
import { auth, newWorkspace, type Member } from './harness';

vi.setConfig({ testTimeout: 180_000 });
const root = mkdtempSync(join(tmpdir(), 'ic-ack-recovery-'));
let gateway: Receiver;
let live: { server: SyncServer; store: Store } | undefined;
const onCall = onCallAt(defaultPlan, 'on-call-engineer', Date.now())!.member;

beforeAll(async () => {
  gateway = await startReceiver(() => ({ status: 202, contentType: 'application/json', body: '{"queued":true}' }));
});
afterAll(async () => {
  await live?.server.close();
  await live?.store.close();
  await gateway?.close();
  rmSync(root, { recursive: true, force: true });
});

async function serve(dataDir: string): Promise<{ server: SyncServer; store: Store }> {
  const store = await openStore({ dataDir });
  const server = await createSyncServer({ store, rateLimitPerMinute: 1_000_000,
    deliveries: deliverySettings({ publicUrl: 'https://incident.example.test', outbound: parseOutboundAllow('127.0.0.1'), recoveryHoldMs: 60_000 }) });
  live = { server, store };
  return live;
}

async function stop(): Promise<void> {
  await live?.server.close();
  await live?.store.close();
  live = undefined;
}

const relayedBy = (m: Member, e: IncidentEvent): IncidentEvent => ({ ...e, relayed: { by: { deviceId: m.deviceId, name: 'Ada' }, at: new Date().toISOString() } });
const acks = (events: IncidentEvent[], pageId: string) => events.filter((e) => e.type === 'incident.acknowledged' && e.payload.pageId === pageId);

describe('acknowledge links when the server comes back older', () => {
  for (const when of ['after the rollback', 'before the rollback'] as const) {
    it(`a page sent after the backup is not sent again, and its link acknowledged ${when} gives one acknowledgement`, async () => {
      let { server, store } = await serve(join(root, `live-${when.split(' ')[0]}`));
      const { admin } = await newWorkspace(server, store);
      await server.app.inject({ method: 'POST', url: '/api/v1/channels', headers: auth(admin), payload: { kind: 'paging', name: 'sms', url: `${gateway.base}/sms`, secret: 'paging-gateway-secret-0123456789' } });
      const contact = createEvent({ clock: new HybridClock(admin.deviceId), actor: { name: 'Admin', deviceId: admin.deviceId } }, TEAM_STREAM_ID, 'contact.added',
        { contactId: 'c-oncall', name: onCall, roleIds: ['on-call-engineer'], phone: '+44 7700 900123', email: '', notes: '' }) as IncidentEvent;
      const ic = new Commander(admin);
      await pushAll(server.app, admin, [contact, ...ic.open('Checkout down')]);
      const file = join(root, `backup-${when.split(' ')[0]}.icb`);
      await writeBackup(store.db, createWriteStream(file), { kind: 'full', store: 'pglite' });

      const pagesBefore = gateway.received.length;
      const request = ic.event('page.requested', { roleId: 'on-call-engineer', person: onCall });
      await pushAll(server.app, admin, [request]);
      await until('the page', () => (gateway.received.length > pagesBefore ? true : undefined));
      const ackUrl = (JSON.parse(gateway.received[gateway.received.length - 1]!.body) as { ackUrl: string }).ackUrl;
      const path = new URL(ackUrl).pathname;
      if (when === 'before the rollback') expect((await server.app.inject({ method: 'POST', url: path })).statusCode).toBe(200);
      // What a console holds when the server goes down: everything, outcomes (and the acknowledgement) included.
      const consoleHeld = await until('the page outcome on the console', async () => {
        const events = await pullAll(server.app, admin);
        return events.some((e) => e.type === 'delivery.sent' && e.payload.requestId === request.id) && (when === 'after the rollback' || acks(events, request.id).length === 1) ? events : undefined;
      });
      expect(consoleHeld.find((e) => e.type === 'delivery.sent' && e.payload.requestId === request.id)?.payload).toMatchObject({ ackLink: { tokenHash: expect.stringMatching(/^[0-9a-f]{64}$/), person: onCall } });

      await stop();
      const restoredDir = join(root, `restored-${when.split(' ')[0]}`);
      const fresh = await openStore({ dataDir: restoredDir });
      await restoreBackup(fresh.db, file);
      await fresh.close();
      ({ server, store } = await serve(restoredDir));
      // The server lost the page and its link: until a console gives them back, the link is not known.
      expect((await server.app.inject({ method: 'GET', url: path })).statusCode).toBe(404);

      // The console gives back what the server lacks: its own events pushed, the server's relayed (signed by the server).
      const have = new Set((await pullAll(server.app, admin)).map((e) => e.id));
      const missing = consoleHeld.filter((e) => !have.has(e.id));
      await pushAll(server.app, admin, missing.filter((e) => e.actor.deviceId === admin.deviceId));
      const relay = await server.app.inject({ method: 'POST', url: '/api/v1/sync/relay', headers: auth(admin),
        payload: { workspace: admin.workspace, events: missing.filter((e) => e.actor.deviceId !== admin.deviceId).map((e) => relayedBy(admin, e)) } });
      expect(relay.json()).toMatchObject({ refused: [] });
      server.deliveries?.kick();
      await server.deliveries?.idle();

      const post = await server.app.inject({ method: 'POST', url: path });
      const again = await server.app.inject({ method: 'POST', url: path });
      if (when === 'after the rollback') {
        expect(post.statusCode).toBe(200);
        expect(post.body).toContain(onCall);
      } else {
        expect(post.statusCode).toBe(410);
        expect(post.body).toContain('Already acknowledged');
      }
      expect(again.statusCode).toBe(410);
      expect(acks(await pullAll(server.app, admin), request.id)).toHaveLength(1);
      // The page went out once: its outcome came back, so the restored server did not page again.
      expect(gateway.received.length - pagesBefore).toBe(1);
      await stop();
    });
  }
});
