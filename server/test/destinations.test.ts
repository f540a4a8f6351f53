// Outbound destinations are safe by default: an admin cannot point a channel at the server's own machine, its
// network or the cloud's metadata service, in any spelling of the address; a destination is checked again on the
// address actually connected to at every send; redirects are not followed; and what a destination answers never
// comes back (status and a short classification only). An operator lets an on-premises gateway through with
// OUTBOUND_ALLOW, the documented setting.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startReceiver, type Receiver } from '../../test/helpers/receiver';
import { createSyncServer, type SyncServer } from '../src/app';
import { loadConfig } from '../src/config';
import { parseOutboundAllow, refusedAddress } from '../src/outbound/policy';
import { Commander, deliverySettings, pullAll, pushAll, until } from './delivery-fixtures';
import { auth, newWorkspace, openBackend, type Backend, type Member } from './harness';

vi.setConfig({ testTimeout: 180_000 });

/** What the internal endpoint would say: must never reach the admin, the log or an event. */
const INTERNAL_REPLY = 'root:x:0:0:INTERNAL-SECRET ami-id instance-identity';

let receiver: Receiver;
let backend: Backend;
let strict: SyncServer;
let admin: Member;

beforeAll(async () => {
  receiver = await startReceiver((r) => {
    if (r.path.startsWith('/redirect')) return { status: 302, body: INTERNAL_REPLY, headers: { location: `${receiver.base}/after-redirect` } };
    if (r.path.startsWith('/secret')) return { status: 404, body: INTERNAL_REPLY };
    return { status: 200, body: INTERNAL_REPLY };
  });
  backend = await openBackend('pglite');
  // The product's default: no internal address is allowed.
  strict = await createSyncServer({ store: backend.store, deliveries: deliverySettings({ webhookSecret: 'destination-test-secret-0123', pollMs: 50 }) });
  ({ admin } = await newWorkspace(strict, backend.store));
});
afterAll(async () => {
  await strict?.close();
  await backend?.dispose();
  await receiver?.close();
});

const post = (server: SyncServer, url: string, payload: object = {}) => server.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: auth(admin), payload });

/** Every spelling of an internal address we know of, with the class the refusal names. */
const INTERNAL: Array<[string, string]> = [
  ['http://127.0.0.1:9/hook', '127.0.0.1 is a loopback address'],
  ['http://[::1]:9/hook', '::1 is a loopback address'],
  ['http://2130706433/hook', '127.0.0.1 is a loopback address'],
  ['http://0x7f000001/hook', '127.0.0.1 is a loopback address'],
  ['http://0x7f.1/hook', '127.0.0.1 is a loopback address'],
  ['http://0177.0.0.1/hook', '127.0.0.1 is a loopback address'],
  ['http://017700000001/hook', '127.0.0.1 is a loopback address'],
  ['http://127.1/hook', '127.0.0.1 is a loopback address'],
  ['http://%31%32%37.0.0.1/hook', '127.0.0.1 is a loopback address'],
  ['http://[::ffff:127.0.0.1]/hook', '127.0.0.1 is a loopback address'],
  ['http://[::ffff:7f00:1]/hook', '127.0.0.1 is a loopback address'],
  ['http://[0:0:0:0:0:ffff:a9fe:a9fe]/latest/meta-data/', '169.254.169.254 is a cloud metadata address'],
  ['http://[::127.0.0.1]/hook', 'an IPv4-compatible IPv6 address'],
  ['http://0.0.0.0:8787/', '0.0.0.0 is an unspecified address'],
  ['http://0/', '0.0.0.0 is an unspecified address'],
  ['http://169.254.169.254/latest/meta-data/iam/security-credentials/', '169.254.169.254 is a cloud metadata address'],
  ['http://169.254.1.1/', '169.254.1.1 is a link-local address'],
  ['http://[fe80::1]/', 'fe80::1 is a link-local address'],
  ['http://[fd00:ec2::254]/', 'fd00:ec2::254 is a cloud metadata address'],
  ['http://[fd12:3456::1]/', 'fd12:3456::1 is a unique-local address'],
  ['http://10.0.0.5/hook', '10.0.0.5 is a private address'],
  ['http://172.16.4.4/hook', '172.16.4.4 is a private address'],
  ['https://192.168.1.1/hook', '192.168.1.1 is a private address'],
  ['http://100.64.0.1/', '100.64.0.1 is a carrier-grade NAT address'],
  ['http://100.100.100.200/latest/meta-data', '100.100.100.200 is a cloud metadata address'],
  ['http://224.0.0.1/', '224.0.0.1 is a multicast address'],
  ['http://[ff02::1]/', 'ff02::1 is a multicast address'],
  ['http://255.255.255.255/', '255.255.255.255 is the broadcast address'],
  ['http://[64:ff9b::a9fe:a9fe]/', 'a NAT64 address'],
  ['http://localhost:8787/api', 'localhost is an internal host name'],
  ['http://LOCALHOST./api', 'localhost is an internal host name'],
  ['http://admin.localhost/', 'admin.localhost is an internal host name'],
  ['http://metadata.google.internal/computeMetadata/v1/', 'metadata.google.internal is an internal host name'],
];

describe('destinations are checked when saved', () => {
  it('refuses loopback, private, link-local, unique-local, CGNAT, multicast and metadata addresses in every spelling, saving nothing', async () => {
    for (const [url, why] of INTERNAL) {
      for (const kind of ['slack', 'teams', 'webhook', 'paging']) {
        const res = await post(strict, '/channels', { kind, name: 'internal', url, secret: 'destination-test-secret-0123' });
        expect(res.statusCode, `${kind} ${url}`).toBe(400);
        const body = res.json<{ error: string; message: string; path: string }>();
        expect(body, url).toMatchObject({ error: 'invalid_request', path: 'url' });
        expect(body.message, url).toContain(`body.url: `);
        expect(body.message, url).toContain(why);
        expect(body.message).toContain('OUTBOUND_ALLOW');
      }
    }
    const list = await strict.app.inject({ method: 'GET', url: '/api/v1/channels', headers: auth(admin) });
    expect(list.json<{ channels: unknown[] }>().channels).toEqual([]);
  });

  it('public addresses and names are accepted', async () => {
    for (const url of ['https://hooks.slack.com/services/T0/B0/X', 'https://203.0.114.9/hook', 'https://[2606:4700::1111]/hook', 'https://prod-12.westeurope.logic.azure.com/workflows/1']) {
      expect((await post(strict, '/channels', { kind: 'slack', name: 'public', url })).statusCode, url).toBe(200);
    }
    await post(strict, '/channels/slack/public/remove');
  });

  it('the environment is checked at start: CHAT_WEBHOOKS and STATUSPAGE_API_URL at internal addresses need OUTBOUND_ALLOW', () => {
    expect(() => loadConfig({ CHAT_WEBHOOKS: '{"slack:ops":"http://10.1.2.3/hook"}' })).toThrow('bad environment: CHAT_WEBHOOKS["slack:ops"]: 10.1.2.3 is a private address');
    expect(() => loadConfig({ STATUSPAGE_API_KEY: 'k', STATUSPAGE_PAGE_ID: 'p', STATUSPAGE_API_URL: 'http://169.254.169.254/v1' })).toThrow('bad environment: STATUSPAGE_API_URL: 169.254.169.254 is a cloud metadata address');
    expect(() => loadConfig({ OUTBOUND_ALLOW: '10.0.0.0/8, not a host!' })).toThrow('bad environment: OUTBOUND_ALLOW: "not a host!" is not a CIDR range');
    const onPremConfig = loadConfig({ OUTBOUND_ALLOW: '10.20.0.0/16, gateway.corp.example', CHAT_WEBHOOKS: '{"webhook:sms":"http://10.20.3.4/hook","slack:relay":"http://gateway.corp.example/hook"}' });
    expect([...onPremConfig.deliveries.webhooks.keys()]).toEqual(['webhook:sms', 'slack:relay']);
    expect(() => loadConfig({ OUTBOUND_ALLOW: '10.20.0.0/16', CHAT_WEBHOOKS: '{"webhook:sms":"http://10.21.0.1/hook"}' })).toThrow('10.21.0.1 is a private address');
  });

  it('the allow-list: ranges, single addresses, mapped forms; a metadata address only when named exactly', () => {
    const policy = parseOutboundAllow('10.20.0.0/16, 127.0.0.1, fd00:1::/32, 169.254.0.0/16');
    expect(refusedAddress('10.20.9.9', policy)).toBeUndefined();
    expect(refusedAddress('::ffff:10.20.9.9', policy)).toBeUndefined();
    expect(refusedAddress('10.21.0.1', policy)).toBe('10.21.0.1 is a private address');
    expect(refusedAddress('127.0.0.1', policy)).toBeUndefined();
    expect(refusedAddress('127.0.0.2', policy)).toBe('127.0.0.2 is a loopback address');
    expect(refusedAddress('fd00:1::5', policy)).toBeUndefined();
    expect(refusedAddress('169.254.10.10', policy)).toBeUndefined();
    expect(refusedAddress('169.254.169.254', policy)).toBe('169.254.169.254 is a cloud metadata address');
    expect(refusedAddress('169.254.169.254', parseOutboundAllow('169.254.169.254'))).toBeUndefined();
    expect(refusedAddress('8.8.8.8', policy)).toBeUndefined();
  });
});

describe('destinations are checked again at every send, on the address connected to', () => {
  it('a saved destination whose name resolves to loopback is refused at send; the receiver is never called', async () => {
    const port = new URL(receiver.base).port;
    // Saved under an earlier policy (or before an upgrade): the row is there, the send must still refuse it.
    await backend.store.db.insertInto('outbound_channels').values({ workspace_id: admin.workspace, kind: 'slack', name: 'rebound', url: `http://localhost:${port}/rebound`, secret: null, created_at: new Date(), created_by: admin.deviceId }).execute();
    const res = await post(strict, '/channels/slack/rebound/test');
    expect(res.json()).toEqual({ ok: false, detail: expect.stringMatching(new RegExp(`^Slack webhook: refused to send to localhost:${port}: localhost resolves to (127\\.0\\.0\\.1|::1) is a loopback address; destinations must be public addresses; an operator can allow an on-premises one with OUTBOUND_ALLOW$`)) });

    const ic = new Commander(admin);
    const { update, request } = ic.send('stakeholders', 'Internal?', [{ channel: 'slack', destination: 'rebound' }]);
    await pushAll(strict.app, admin, [...ic.open('Rebinding'), update, request]);
    const failed = await until('refused', async () => (await pullAll(strict.app, admin)).find((e) => e.type === 'delivery.failed' && e.payload.requestId === request.id));
    expect(failed.payload).toMatchObject({ nextAttemptAt: null, reason: expect.stringContaining('localhost resolves to') });
    expect(receiver.received.filter((r) => r.path === '/rebound')).toEqual([]);
  });

  it('a literal saved before the policy is refused at send too', async () => {
    await backend.store.db.insertInto('outbound_channels').values({ workspace_id: admin.workspace, kind: 'teams', name: 'literal', url: `${receiver.base}/literal`, secret: null, created_at: new Date(), created_by: admin.deviceId }).execute();
    expect((await post(strict, '/channels/teams/literal/test')).json()).toEqual({ ok: false, detail: `Teams webhook: refused to send to ${new URL(receiver.base).host}: 127.0.0.1 is a loopback address; destinations must be public addresses; an operator can allow an on-premises one with OUTBOUND_ALLOW` });
    expect(receiver.received.filter((r) => r.path === '/literal')).toEqual([]);
  });
});

describe('what a destination answers never comes back', () => {
  let gateway: SyncServer;
  beforeAll(async () => {
    await strict.deliveries?.stop(); // one worker on this store: the allow-listed one's
    gateway = await createSyncServer({ store: backend.store, deliveries: deliverySettings({ webhookSecret: 'destination-test-secret-0123', pollMs: 50, outbound: parseOutboundAllow('127.0.0.1') }) });
    for (const [name, path] of [['secret', '/secret'], ['redirect', '/redirect'], ['ok', '/ok']]) {
      expect((await post(gateway, '/channels', { kind: 'webhook', name, url: `${receiver.base}${path}` })).statusCode).toBe(200);
    }
  });
  afterAll(async () => { await gateway?.close(); });

  it('Send test reports the status and what it means, not the reply; a redirect is not followed', async () => {
    const host = new URL(receiver.base).host;
    const secret = await post(gateway, '/channels/webhook/secret/test');
    expect(secret.json()).toEqual({ ok: false, detail: `Webhook: HTTP 404 from ${host} (not found: no such webhook)` });
    const redirect = await post(gateway, '/channels/webhook/redirect/test');
    expect(redirect.json()).toEqual({ ok: false, detail: `Webhook: HTTP 302 from ${host} (a redirect, which is never followed)` });
    expect(receiver.received.filter((r) => r.path === '/after-redirect')).toEqual([]);
    const ok = await post(gateway, '/channels/webhook/ok/test');
    expect(ok.json()).toEqual({ ok: true, detail: `HTTP 200 from ${host}` });
  });

  it('a delivery failure records the status and its class, never the reply body', async () => {
    const ic = new Commander(admin);
    const { update, request } = ic.send('stakeholders', 'Where does this go?', [{ channel: 'webhook', destination: 'secret' }, { channel: 'webhook', destination: 'redirect' }]);
    await pushAll(gateway.app, admin, [...ic.open('Echo'), update, request]);
    const events = await until('both failed', async () => {
      const all = await pullAll(gateway.app, admin);
      const failed = all.filter((e) => e.type === 'delivery.failed' && e.payload.requestId === request.id);
      return failed.length === 2 ? all : undefined;
    });
    const reasons = events.filter((e) => e.type === 'delivery.failed' && e.payload.requestId === request.id).map((e) => (e.type === 'delivery.failed' ? e.payload.reason : ''));
    expect(reasons.sort()).toEqual([
      `Webhook: HTTP 302 from ${new URL(receiver.base).host} (a redirect, which is never followed)`,
      `Webhook: HTTP 404 from ${new URL(receiver.base).host} (not found: no such webhook)`,
    ]);
    expect(JSON.stringify(events)).not.toContain('INTERNAL-SECRET');
  });
});
