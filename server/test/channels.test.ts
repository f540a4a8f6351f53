// Outbound channels an admin configures per workspace (Server page → Integrations): names and kinds are all a
// member sees (never the URL or secret); bad input is a 400 naming the field; "Send test" gives the real result
// from a local HTTP receiver and a real SMTP server (smtp-sink), or the exact failure; a delivery to a channel
// added here goes to its URL, signed with its own secret.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createHmac } from 'node:crypto';
import { freePort } from '../../test/helpers/postgres';
import { startSmtpSink, type SmtpSink } from '../../test/helpers/smtp-sink';
import { createSyncServer } from '../src/app';
import { parseOutboundAllow } from '../src/outbound/policy';
import { Commander, deliverySettings, pullAll, pushAll, until } from './delivery-fixtures';
import { startReceiver } from '../../test/helpers/receiver';
import { auth, inviteMember, openWorkspaceServer, type Member } from './harness';
import { perFile } from './per-file';

vi.setConfig({ testTimeout: 180_000 });
let sink: SmtpSink;
const HOOK_SECRET = 'bridge-hook-secret-0123456789';
/** The local receiver stands in for an on-premises gateway: allowed the documented way (OUTBOUND_ALLOW). */
const LOCAL_GATEWAY = parseOutboundAllow('127.0.0.1');

const receiver = perFile(() => startReceiver((r) => {
  if (r.path.startsWith('/hang')) return 'never'; // the sender's timeout ends it
  if (r.path.startsWith('/gone')) return { status: 410, body: 'channel_is_archived' };
  return { status: 200 };
}));
beforeAll(async () => { sink = await startSmtpSink(); });
afterAll(() => sink?.stop());
const host = perFile(async () => {
  const opened = await openWorkspaceServer('pglite', { deliveries: deliverySettings({
    smtpUrl: sink.url, outbound: LOCAL_GATEWAY,
    webhooks: new Map([['slack:ops', { kind: 'slack', name: 'ops', url: `${receiver.base}/env/slack/SECRETPATH` }]]),
  }) });
  return { ...opened, member: await inviteMember(opened.server.app, opened.admin, 'scribe laptop') };
});

const post = (m: Member, url: string, payload: object = {}) => host.server.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: auth(m), payload });
const list = async (m: Member) => (await host.server.app.inject({ method: 'GET', url: '/api/v1/channels', headers: auth(m) }));

describe('outbound channels (Integrations)', () => {
  it('an admin adds destinations; every member sees names, kinds and hosts only', async () => {
    expect((await post(host.admin, '/channels', { kind: 'slack', name: 'Incidents', url: `${receiver.base}/slack/T0/B0/TOPSECRET` })).statusCode).toBe(200);
    expect((await post(host.admin, '/channels', { kind: 'webhook', name: 'bridge', url: `${receiver.base}/hook/SECRETHOOK`, secret: HOOK_SECRET })).statusCode).toBe(200);
    const res = await list(host.member);
    expect(res.statusCode).toBe(200);
    const channels = res.json<{ channels: Array<{ kind: string; name: string; source: string; where: string }> }>().channels;
    expect(channels.map((c) => [c.kind, c.name, c.source])).toEqual([
      ['slack', 'incidents', 'console'], ['webhook', 'bridge', 'console'], ['slack', 'ops', 'environment'], ['email', 'smtp', 'environment'],
    ]);
    expect(channels[0]?.where).toBe(new URL(receiver.base).host);
    for (const secret of ['TOPSECRET', 'SECRETHOOK', 'SECRETPATH', HOOK_SECRET, '/slack/']) expect(res.body).not.toContain(secret);
  });

  it('refuses bad input with a 400 naming the field, and members with a 403; nothing is saved', async () => {
    const cases: Array<[object, string]> = [
      [{ kind: 'slack', name: 'x', url: 'not a url' }, 'body.url: expected an http:// or https:// URL'],
      [{ kind: 'slack', name: 'x', url: 'ftp://example.com/hook' }, 'body.url: expected an http:// or https:// URL'],
      [{ kind: 'sms', name: 'x', url: `${receiver.base}/x` }, 'body.kind'],
      [{ kind: 'slack', name: 'has space', url: `${receiver.base}/x` }, 'body.name: expected a name of letters'],
      [{ kind: 'webhook', name: 'x', url: `${receiver.base}/x`, secret: 'short' }, 'body.secret: use at least 16 characters'],
    ];
    for (const [payload, message] of cases) {
      const res = await post(host.admin, '/channels', payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json<{ message: string }>().message).toContain(message);
    }
    expect((await post(host.member, '/channels', { kind: 'slack', name: 'sneaky', url: `${receiver.base}/x` })).statusCode).toBe(403);
    expect((await post(host.member, '/channels/slack/incidents/test')).statusCode).toBe(403);
    expect((await list(host.admin)).json<{ channels: Array<{ name: string }> }>().channels.map((c) => c.name)).not.toContain('x');
  });

  it('Send test posts a real test message and answers with what the destination said', async () => {
    const before = receiver.received.length;
    const slack = await post(host.admin, '/channels/slack/incidents/test');
    expect(slack.json()).toEqual({ ok: true, detail: `HTTP 200 from ${new URL(receiver.base).host}` });
    const got = receiver.received.slice(before).find((r) => r.path === '/slack/T0/B0/TOPSECRET');
    expect(JSON.parse(got!.body)).toMatchObject({ text: expect.stringContaining('Test from Incident Console'), blocks: [{ type: 'header' }, { type: 'section' }, { type: 'context' }] });

    const hook = await post(host.admin, '/channels/webhook/bridge/test');
    expect(hook.json()).toMatchObject({ ok: true });
    const h = receiver.received.filter((r) => r.path === '/hook/SECRETHOOK').at(-1)!;
    const ts = String(h.headers['x-incident-timestamp']);
    expect(h.headers['x-incident-signature']).toBe(`sha256=${createHmac('sha256', HOOK_SECRET).update(`${ts}.${h.body}`).digest('hex')}`);

    const mail = await post(host.admin, '/channels/email/smtp/test', { to: 'oncall@example.test' });
    expect(mail.json()).toMatchObject({ ok: true, detail: expect.stringContaining('SMTP server accepted it for oncall@example.test') });
    const message = await until('the test email in smtp-sink', () => sink.messages().find((m) => m.recipients.includes('oncall@example.test')));
    expect(message.headers.get('subject')).toBe('Test from Incident Console');
  });

  it('Send test reports the exact failure: a 4xx with its reply, nothing listening, an unreachable SMTP server, no signing secret', async () => {
    await post(host.admin, '/channels', { kind: 'teams', name: 'archived', url: `${receiver.base}/gone/workflow` });
    expect((await post(host.admin, '/channels/teams/archived/test')).json()).toEqual({ ok: false, detail: `Teams webhook: HTTP 410 from ${new URL(receiver.base).host} (gone: the webhook was removed or its channel archived)` });
    const closed = await freePort();
    await post(host.admin, '/channels', { kind: 'slack', name: 'down', url: `http://127.0.0.1:${closed}/hook` });
    expect((await post(host.admin, '/channels/slack/down/test')).json()).toEqual({ ok: false, detail: `Slack webhook: cannot reach 127.0.0.1:${closed} (ECONNREFUSED)` });
    await post(host.admin, '/channels', { kind: 'paging', name: 'unsigned', url: `${receiver.base}/pager` });
    expect((await post(host.admin, '/channels/paging/unsigned/test')).json()).toMatchObject({ ok: false, detail: expect.stringContaining('no signing secret') });
    expect((await post(host.admin, '/channels/slack/never-added/test')).statusCode).toBe(404);

    const noSmtp = await createSyncServer({ store: host.backend.store, deliveries: deliverySettings({ smtpUrl: `smtp://127.0.0.1:${closed}`, outbound: LOCAL_GATEWAY }) });
    try {
      const res = await noSmtp.app.inject({ method: 'POST', url: '/api/v1/channels/email/smtp/test', headers: auth(host.admin), payload: {} });
      expect(res.json()).toMatchObject({ ok: false, detail: expect.stringMatching(/^cannot reach the SMTP server \((ESOCKET|ECONNECTION)\)/) });
    } finally { await noSmtp.close(); }
  });

  it('a delivery to a destination added in the console goes to its URL, signed with its own secret; removing it stops that', async () => {
    const ic = new Commander(host.admin);
    const { update, request } = ic.send('stakeholders', 'Bridge is open.', [{ channel: 'webhook', destination: 'bridge' }]);
    await pushAll(host.server.app, host.admin, [...ic.open('Bridge test'), update, request]);
    await until('sent', async () => (await pullAll(host.server.app, host.admin)).find((e) => e.type === 'delivery.sent' && e.payload.requestId === request.id));
    const h = receiver.received.filter((r) => r.path === '/hook/SECRETHOOK').at(-1)!;
    expect(JSON.parse(h.body)).toMatchObject({ type: 'incident.update', update: { text: 'Bridge is open.' } });
    expect(h.headers['x-incident-signature']).toBe(`sha256=${createHmac('sha256', HOOK_SECRET).update(`${h.headers['x-incident-timestamp']}.${h.body}`).digest('hex')}`);

    expect((await post(host.admin, '/channels/webhook/bridge/remove')).json()).toEqual({ removed: 'webhook:bridge' });
    expect((await post(host.admin, '/channels/webhook/bridge/remove')).statusCode).toBe(404);
    expect((await post(host.admin, '/channels/slack/ops/remove')).statusCode).toBe(404);
  });
});

describe('bad configuration never blocks sync, and is said in the server log', () => {
  it('a webhook that never answers holds up only its own delivery; a failed test is logged with its reason', async () => {
    const lines: string[] = [];
    const logged = await createSyncServer({ store: host.backend.store, logger: { level: 'info', stream: { write: (l: string) => { lines.push(l); } } },
      deliveries: deliverySettings({ sendTimeoutMs: 8_000, pollMs: 50, outbound: LOCAL_GATEWAY }) });
    await host.server.deliveries?.stop(); // one worker on this store: the logged server's
    try {
      await logged.app.inject({ method: 'POST', url: '/api/v1/channels', headers: auth(host.admin), payload: { kind: 'slack', name: 'hang', url: `${receiver.base}/hang` } });
      await logged.app.inject({ method: 'POST', url: '/api/v1/channels', headers: auth(host.admin), payload: { kind: 'teams', name: 'gone', url: `${receiver.base}/gone/x` } });
      const ic = new Commander(host.admin);
      const { update, request } = ic.send('stakeholders', 'Into the void.', [{ channel: 'slack', destination: 'hang' }]);
      await pushAll(logged.app, host.admin, [...ic.open('Hanging webhook'), update, request]);
      await until('the hanging webhook is being called', () => receiver.received.find((r) => r.path === '/hang'));
      // While that delivery waits on its timeout, sync answers as usual.
      const started = Date.now();
      await pushAll(logged.app, host.admin, [ic.event('entry.added', { kind: 'note', text: 'still syncing' })]);
      expect((await pullAll(logged.app, host.admin)).some((e) => e.type === 'entry.added' && e.payload.text === 'still syncing')).toBe(true);
      expect(Date.now() - started).toBeLessThan(6_000);

      const res = await logged.app.inject({ method: 'POST', url: '/api/v1/channels/teams/gone/test', headers: auth(host.admin), payload: {} });
      expect(res.json()).toMatchObject({ ok: false });
      const line = lines.map((l) => JSON.parse(l) as { msg?: string; reason?: string; kind?: string }).find((l) => l.msg === 'channel test failed');
      expect(line).toMatchObject({ kind: 'teams', reason: `Teams webhook: HTTP 410 from ${new URL(receiver.base).host} (gone: the webhook was removed or its channel archived)` });
      expect(lines.join('\n')).not.toContain('/gone/x');
    } finally { await logged.close(); }
  });
});
