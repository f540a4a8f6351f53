// Every route under hostile input, on PGlite and PostgreSQL: 0 responses 5xx, every refusal a clear error.
// To cover a new route, add one line to ROUTES (see fuzz.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { REALTIME_PATH } from '@shared/sync/protocol';
import { createSyncServer, type SyncServer } from '../src/app';
import { readFileSync } from 'node:fs';
import { createIntegration } from '../src/store/integrations';
import { createInvite } from '../src/store/workspaces';
import fc from 'fast-check';
import { parseOutboundAllow } from '../src/outbound/policy';
import { deliverySettings } from './delivery-fixtures';
import { fuzzRoutes, type FuzzContext, type FuzzRoute } from './fuzz';
import { BACKENDS, eventMaker, inviteMember, newWorkspace, openBackend, stopCluster, type Backend } from './harness';

afterAll(() => stopCluster());

export const ROUTES: FuzzRoute[] = [
  { method: 'POST', path: '/sync/push', auth: 'member', valid: (c) => ({ workspace: c.workspace, events: [JSON.parse(c.event as string)] }) },
  { method: 'GET', path: '/sync/pull', auth: 'member', query: true, valid: (c) => ({ workspace: c.workspace, after: '0', limit: '10' }) },
  { method: 'GET', path: '/sync/stream', auth: 'member', query: true, valid: (c) => ({ workspace: c.workspace, stream: randomUUID(), after: '0', limit: '10' }) },
  { method: 'GET', path: '/sync/summaries', auth: 'member', query: true, valid: (c) => ({ workspace: c.workspace }) },
  { method: 'POST', path: '/join', auth: 'none', valid: (c) => ({ inviteCode: c.inviteCode, deviceName: 'fuzz', displayName: 'Fuzz' }) },
  { method: 'POST', path: '/invites', auth: 'admin', valid: () => ({ role: 'member', maxUses: 1, expiresInHours: 1 }) },
  { method: 'GET', path: '/devices', auth: 'admin', query: true },
  { method: 'POST', path: '/devices/:id/revoke', auth: 'admin' },
  { method: 'GET', path: '/healthz', auth: 'none', query: true },
  { method: 'GET', path: '/readyz', auth: 'none', query: true },
  { method: 'GET', path: '/api/v1/healthz', auth: 'none', query: true },
  { method: 'GET', path: '/integrations', auth: 'admin', query: true },
  { method: 'POST', path: '/integrations', auth: 'admin', valid: () => ({ name: 'fuzz' }) },
  { method: 'POST', path: '/integrations/:id/revoke', auth: 'admin' },
  { method: 'POST', path: '/intake/alertmanager', auth: 'integration', valid: () => alertmanagerFiring() },
  { method: 'POST', path: '/intake/grafana', auth: 'integration', valid: () => ({ ...alertmanagerFiring(), version: '1', title: 'HighErrorRate', state: 'alerting' }) },
  { method: 'POST', path: '/intake/generic', auth: 'integration', valid: () => ({ title: 'Checkout errors', status: 'firing', dedupKey: 'checkout', value: '7%' }) },
  { method: 'POST', path: '/intake/generic/:id', auth: 'none', valid: () => ({ title: 'Checkout errors', status: 'firing', dedupKey: 'checkout' }) },
  { method: 'GET', path: '/metrics', auth: 'none', root: true, query: true },
  { method: 'GET', path: '/status', auth: 'none', root: true, query: true },
  { method: 'GET', path: '/status/drill', auth: 'none', root: true, query: true },
  { method: 'GET', path: '/api/v2/summary.json', auth: 'none', query: true },
  { method: 'GET', path: '/api/v2/status.json', auth: 'none', query: true },
  { method: 'GET', path: '/api/v2/components.json', auth: 'none', query: true },
  { method: 'GET', path: '/api/v2/incidents.json', auth: 'none', query: true },
  { method: 'GET', path: '/api/v2/incidents/unresolved.json', auth: 'none', query: true },
  { method: 'GET', path: '/api/v2/scheduled-maintenances.json', auth: 'none', query: true },
  { method: 'GET', path: '/api/v2/scheduled-maintenances/upcoming.json', auth: 'none', query: true },
  { method: 'GET', path: '/api/v2/scheduled-maintenances/active.json', auth: 'none', query: true },
  { method: 'GET', path: '/status/drill/api/v2/summary.json', auth: 'none', root: true, query: true },
  { method: 'GET', path: '/ack/:id', auth: 'none', root: true, html: true, query: true },
  { method: 'POST', path: '/ack/:id', auth: 'none', root: true, html: true, valid: () => ({}) },
  { method: 'GET', path: '/channels', auth: 'member', query: true },
  { method: 'POST', path: '/channels', auth: 'admin', valid: () => ({ kind: 'webhook', name: 'fuzz', url: 'http://127.0.0.1:9/hook', secret: 'fuzz-secret-0123456789' }) },
  { method: 'POST', path: '/channels/slack/:id/test', auth: 'admin', valid: () => ({}) },
  { method: 'POST', path: '/channels/:id/fuzz/test', auth: 'admin', valid: () => ({ to: 'fuzz@example.test' }) },
  { method: 'POST', path: '/channels/webhook/:id/remove', auth: 'admin' },
  { method: 'GET', path: '/subscribers/count', auth: 'member', query: true, valid: () => ({ components: 'payments,api' }) },
  { method: 'GET', path: '/subscribers', auth: 'admin', query: true },
  { method: 'POST', path: '/subscribers/:id/delete', auth: 'admin' },
  { method: 'POST', path: '/status/subscribe', auth: 'none', root: true, html: true, valid: () => ({ email: 'fuzz@example.test' }) },
  { method: 'GET', path: '/status/confirm/:id', auth: 'none', root: true, html: true, query: true },
  { method: 'POST', path: '/status/confirm/:id', auth: 'none', root: true, html: true, valid: () => ({}) },
  { method: 'GET', path: '/status/unsubscribe/:id', auth: 'none', root: true, html: true, query: true },
  { method: 'POST', path: '/status/unsubscribe/:id', auth: 'none', root: true, html: true, valid: () => ({}) },
];

/** A real Alertmanager notification, recorded (test/fixtures/alerts). */
function alertmanagerFiring(): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL('../../test/fixtures/alerts/alertmanager-firing.json', import.meta.url), 'utf8')) as Record<string, unknown>;
}

const HOSTILE_HELLOS: string[] = [
  '', 'not json', '{', 'null', '[]', '"hello"', '{"type":"hello"}', '{"type":"hello","token":"\\u0000","workspace":"x"}',
  '{"type":"hello","token":"\\ud800","workspace":"00000000-0000-0000-0000-000000000000"}', `${'['.repeat(2000)}${']'.repeat(2000)}`,
  JSON.stringify({ type: 'hello', token: 'x'.repeat(300), workspace: randomUUID() }), JSON.stringify({ type: 'hello', token: 'ict_made-up', workspace: randomUUID() }),
];

/** An internal IPv4 address (loopback but the allowed 127.0.0.1, private, link-local, CGNAT, multicast, unspecified). */
const internalV4 = fc.oneof(
  fc.tuple(fc.constant(127), fc.nat(255), fc.nat(255), fc.integer({ min: 2, max: 255 })),
  fc.tuple(fc.constant(10), fc.nat(255), fc.nat(255), fc.nat(255)),
  fc.tuple(fc.constant(172), fc.integer({ min: 16, max: 31 }), fc.nat(255), fc.nat(255)),
  fc.tuple(fc.constant(192), fc.constant(168), fc.nat(255), fc.nat(255)),
  fc.tuple(fc.constant(169), fc.constant(254), fc.nat(255), fc.nat(255)),
  fc.tuple(fc.constant(100), fc.integer({ min: 64, max: 127 }), fc.nat(255), fc.nat(255)),
  fc.tuple(fc.integer({ min: 224, max: 239 }), fc.nat(255), fc.nat(255), fc.nat(255)),
  fc.tuple(fc.constant(0), fc.nat(255), fc.nat(255), fc.nat(255)),
);

/** The same address in the spellings a URL parser accepts: dotted, decimal, hex, octal, short, IPv4-mapped IPv6. */
function internalUrl(): fc.Arbitrary<string> {
  return fc.tuple(internalV4, fc.nat(7), fc.constantFrom('http', 'https'), fc.option(fc.integer({ min: 1, max: 65535 }))).map(([o, form, scheme, port]) => {
    const n = ((o[0] << 24) >>> 0) + (o[1] << 16) + (o[2] << 8) + o[3];
    const host = [
      o.join('.'), String(n), `0x${n.toString(16)}`, `0${n.toString(8)}`, o.map((x) => `0x${x.toString(16)}`).join('.'),
      `${o[0]}.${(o[1] << 16) + (o[2] << 8) + o[3]}`, `[::ffff:${o.join('.')}]`, o.map((x) => `0${x.toString(8)}`).join('.'),
    ][form];
    return `${scheme}://${host}${port ? `:${port}` : ''}/hook`;
  });
}

describe.each(BACKENDS)('hostile requests on %s', (kind) => {
  let backend: Backend;
  let server: SyncServer;
  let ctx: FuzzContext;

  beforeAll(async () => {
    backend = await openBackend(kind);
    // Deliveries on (the channel and paging routes need them); the worker's tick is slow so it stays out of the way.
    server = await createSyncServer({ store: backend.store, rateLimitPerMinute: 100_000_000, joinRateLimitPerMinute: 100_000_000,
      deliveries: deliverySettings({ pollMs: 60_000, sendTimeoutMs: 2_000, outbound: parseOutboundAllow('127.0.0.1/32') }) });
    const { admin, workspace } = await newWorkspace(server, backend.store);
    const member = await inviteMember(server.app, admin, 'fuzz-member');
    const spare = await inviteMember(server.app, admin, 'spare');
    const invite = await createInvite(backend.store.db, workspace, { role: 'member', maxUses: 1000, expiresInHours: 1 });
    ctx = { adminToken: admin.token, memberToken: member.token, workspace, deviceId: spare.deviceId, inviteCode: invite.inviteCode,
      event: JSON.stringify(eventMaker(member.deviceId)(randomUUID(), 'fuzz seed')),
      integrationToken: (await createIntegration(backend.store.db, workspace, 'fuzz', admin.deviceId)).token };
  }, 180_000);
  afterAll(async () => {
    await server?.close();
    await backend?.dispose();
  });

  it('every HTTP route: no 5xx, every refusal a JSON error with a code and a message', async () => {
    await fuzzRoutes(server.app, ROUTES, ctx, 40);
  }, 300_000);

  it('destination addresses: every spelling of an internal address is a 400 naming body.url, never saved, never a 5xx', async () => {
    await fc.assert(fc.asyncProperty(internalUrl(), fc.constantFrom('slack', 'teams', 'webhook', 'paging'), async (url, kind) => {
      const res = await server.app.inject({ method: 'POST', url: '/api/v1/channels', headers: { authorization: `Bearer ${ctx.adminToken}` }, payload: { kind, name: 'fuzz-internal', url } });
      expect(res.statusCode, `${url} -> ${res.body}`).toBe(400);
      expect(res.json<{ error: string; message: string }>(), url).toMatchObject({ error: 'invalid_request', message: expect.stringMatching(/^body\.url: /) });
    }), { numRuns: 300 });
    const list = await server.app.inject({ method: 'GET', url: '/api/v1/channels', headers: { authorization: `Bearer ${ctx.adminToken}` } });
    expect(list.body).not.toContain('fuzz-internal');
  }, 120_000);

  it('the realtime hello: hostile first messages close the socket with a 44xx code, never 1011', async () => {
    await server.app.listen({ host: '127.0.0.1', port: 0 });
    const address = server.app.server.address();
    const url = `ws://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}${REALTIME_PATH}`;
    for (const hello of HOSTILE_HELLOS) {
      const code = await new Promise<number>((resolve, reject) => {
        const ws = new WebSocket(url);
        ws.on('open', () => ws.send(hello));
        ws.on('close', (c) => resolve(c));
        ws.on('error', reject);
      });
      expect(code, hello.slice(0, 80)).toBeGreaterThanOrEqual(4000);
    }
  }, 60_000);
});
