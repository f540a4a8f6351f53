// No destination can stall the delivery worker: attempts run in a bounded pool, the worker goes on claiming while
// slow attempts run, a destination has at most its cap of attempts at once, and a hanging one delays only its own
// rows. Timings are asserted as order (what is sent while the hanging attempts still hang), never as durations.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { IncidentEvent } from '@shared/incident/events';
import { startReceiver, type Receiver } from '../../test/helpers/receiver';
import { createSyncServer, type SyncServer } from '../src/app';
import { loadConfig } from '../src/config';
import { parseOutboundAllow } from '../src/outbound/policy';
import { Commander, deliverySettings, pullAll, pushAll, until } from './delivery-fixtures';
import { newWorkspace, openBackend, type Backend, type Member } from './harness';

vi.setConfig({ testTimeout: 180_000 });
let receiver: Receiver;
let backend: Backend;
let server: SyncServer;
let admin: Member;

beforeAll(async () => {
  receiver = await startReceiver((r) => (r.path.startsWith('/hang') ? 'never' : { status: 200 }));
  backend = await openBackend('pglite');
  server = await createSyncServer({ store: backend.store, deliveries: deliverySettings({
    outbound: parseOutboundAllow('127.0.0.1'), // the receiver stands in for the chat services (an on-premises gateway)
    // The hanging attempts outlast the whole test: anything sent meanwhile was sent beside them, not after them.
    sendTimeoutMs: 120_000, leaseMs: 400_000, concurrency: 4, perDestination: 2, pollMs: 60_000,
    webhooks: new Map([
      ['slack:dead', { kind: 'slack', name: 'dead', url: `${receiver.base}/hang` }],
      ['slack:healthy', { kind: 'slack', name: 'healthy', url: `${receiver.base}/healthy` }],
      ['teams:bridge', { kind: 'teams', name: 'bridge', url: `${receiver.base}/bridge` }],
    ]),
  }) });
  ({ admin } = await newWorkspace(server, backend.store));
});
afterAll(async () => {
  await receiver?.close(); // ends the hanging requests, so the worker can stop
  await server?.close();
  await backend?.dispose();
});

const outcomes = (events: IncidentEvent[], target: string) =>
  events.filter((e) => (e.type === 'delivery.sent' || e.type === 'delivery.failed') && e.payload.target === target);

describe('the delivery worker', () => {
  it('a hanging destination holds only its own rows: others are claimed and sent while its attempts hang', async () => {
    const ic = new Commander(admin);
    await pushAll(server.app, admin, ic.open('Checkout errors'));
    // Three updates to the dead destination first (oldest rows), each also going to healthy destinations.
    const requests: string[] = [];
    for (const text of ['First.', 'Second.', 'Third.']) {
      const { update, request } = ic.send('stakeholders', text, [{ channel: 'slack', destination: 'dead' }]);
      await pushAll(server.app, admin, [update, request]);
      requests.push(request.id);
    }
    await until('two attempts hang at the dead destination', () => (receiver.received.filter((r) => r.path === '/hang').length === 2 ? true : undefined));
    const { update, request } = ic.send('stakeholders', 'Rolling back.', [{ channel: 'slack', destination: 'healthy' }, { channel: 'teams', destination: 'bridge' }]);
    await pushAll(server.app, admin, [update, request]);

    // Sent (the push woke the worker; its tick is a minute away) while the dead destination's attempts still hang.
    const events = await until('both healthy sent', async () => {
      const all = await pullAll(server.app, admin);
      return outcomes(all, 'slack:healthy').length && outcomes(all, 'teams:bridge').length ? all : undefined;
    });
    expect(outcomes(events, 'slack:healthy').map((e) => e.type)).toEqual(['delivery.sent']);
    expect(outcomes(events, 'teams:bridge').map((e) => e.type)).toEqual(['delivery.sent']);
    expect(outcomes(events, 'slack:dead')).toEqual([]);

    // The dead destination has exactly its cap in flight; its third row waits, unclaimed, instead of taking the pool.
    const rows = await backend.store.db.selectFrom('deliveries').select(['request_id', 'state', 'attempts']).where('target', '=', 'slack:dead').orderBy('request_id').execute();
    expect(rows.map((r) => [requests.indexOf(r.request_id), r.state, r.attempts]).sort()).toEqual([[0, 'sending', 1], [1, 'sending', 1], [2, 'pending', 0]]);
    expect(receiver.received.filter((r) => r.path === '/hang')).toHaveLength(2);
  });

  it('settings: a bounded pool, a per-destination cap, and a short per-attempt deadline by default', () => {
    const d = loadConfig({}).deliveries;
    expect(d).toMatchObject({ concurrency: 16, perDestination: 2, sendTimeoutMs: 10_000, pollMs: 1000 });
    expect(loadConfig({ DELIVERY_TIMEOUT_SECONDS: '3' }).deliveries.sendTimeoutMs).toBe(3_000);
    // Never past a third of the lease: a live sender always finishes before its claim can be taken over.
    expect(loadConfig({ DELIVERY_LEASE_SECONDS: '6' }).deliveries.sendTimeoutMs).toBe(2_000);
    expect(() => loadConfig({ DELIVERY_TIMEOUT_SECONDS: '600' })).toThrow(/DELIVERY_TIMEOUT_SECONDS/);
  });
});
