// Email deliveries against a real SMTP server (Postfix's smtp-sink): a stakeholder update and a resolution
// email arrive once with their subject, body and headers; outcomes come back as server-authored events.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { IncidentEvent } from '@shared/incident/events';
import { startSmtpSink, type SmtpSink } from '../../test/helpers/smtp-sink';
import { Commander, deliverySettings, pullAll, pushAll, until } from './delivery-fixtures';
import { openWorkspaceServer } from './harness';
import { perFile } from './per-file';

// Each test opens PGlite stores and waits on a worker: allow for a loaded 2-core machine.
vi.setConfig({ testTimeout: 180_000 });
let sink: SmtpSink;
beforeAll(async () => { sink = await startSmtpSink(); });
afterAll(() => sink?.stop());
const host = perFile(() => openWorkspaceServer('pglite', { deliveries: deliverySettings({ smtpUrl: sink.url }) }));

const outcomesOf = (events: IncidentEvent[], requestId: string) =>
  events.filter((e) => (e.type === 'delivery.sent' || e.type === 'delivery.failed') && e.payload.requestId === requestId);

describe('email deliveries', () => {
  it('sends a stakeholder update once, with subject, body, Message-ID and headers, and records delivery.sent by the server', async () => {
    const ic = new Commander(host.admin);
    const to = ['cto@example.test', 'support-lead@example.test'];
    const { update, request } = ic.send('stakeholders', 'Checkout errors at 20%. Rolling back release 42. Next update 14:15 UTC.', [{ channel: 'email', list: 'stakeholders', to }]);
    await pushAll(host.server.app, host.admin, [...ic.open('Checkout failing'), update, request]);

    const sent = await until('delivery.sent', async () => outcomesOf(await pullAll(host.server.app, host.admin), request.id).find((e) => e.type === 'delivery.sent'));
    expect(sent.actor.deviceId).toBe('server');
    expect(sent.payload).toMatchObject({ target: 'email:stakeholders', channel: 'email', attempt: 1, sandbox: false, detail: '2 recipients' });

    const mails = sink.messages().filter((m) => m.headers.get('x-incident-update-id') === update.id);
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.headers.get('subject')).toBe('[P1] Investigating: Checkout failing');
    expect(mail.headers.get('from')).toBe('Incident Console <incidents@example.test>');
    expect(mail.headers.get('message-id')).toBe((sent.type === 'delivery.sent' && sent.payload.messageId) || 'missing');
    expect(mail.headers.get('message-id')).toMatch(new RegExp(`^<${request.id}\\.[0-9a-f]{16}@example\\.test>$`));
    expect(mail.headers.get('references')).toBe(`<incident.${ic.incidentId}@example.test>`);
    expect(mail.headers.get('x-incident-id')).toBe(ic.incidentId);
    expect(mail.recipients).toEqual(expect.arrayContaining(to));
    expect(mail.raw).not.toMatch(/^bcc:/im); // the list's addresses are not shown to one another
    expect(mail.body).toContain('Rolling back release 42.');
    expect(mail.body).toContain('Update to Stakeholders from Ada');

    // Another round of the worker sends nothing more.
    host.server.deliveries?.kick();
    await host.server.deliveries?.idle();
    expect(sink.messages().filter((m) => m.headers.get('x-incident-update-id') === update.id)).toHaveLength(1);
    expect(outcomesOf(await pullAll(host.server.app, host.admin), request.id)).toHaveLength(1);
  });

  it('sends the resolution email once the incident is resolved, to the users list', async () => {
    const ic = new Commander(host.admin);
    const opened = ic.open('Login outage', { severity: 'P0' });
    const resolved = ic.event('status.changed', { to: 'resolved', reason: 'fix deployed' });
    const { update, request } = ic.send('users', 'The login outage is resolved. Sign-in works again since 14:32 UTC.', [{ channel: 'email', list: 'users', to: ['users@lists.example.test'] }]);
    await pushAll(host.server.app, host.admin, [...opened, resolved, update, request]);
    await until('delivery.sent', async () => outcomesOf(await pullAll(host.server.app, host.admin), request.id).find((e) => e.type === 'delivery.sent'));
    const mails = sink.messages().filter((m) => m.headers.get('x-incident-update-id') === update.id);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.headers.get('subject')).toBe('[P0] Resolved: Login outage');
    expect(mails[0]!.body).toContain('Sign-in works again');
    expect(mails[0]!.recipients).toContain('users@lists.example.test');
  });

  it('an email to the public goes out with the subject the console previewed and does not name who wrote it', async () => {
    const ic = new Commander(host.admin, 'Dana IC');
    const opened = ic.open('CheckoutHighErrorRate');
    const { update, request } = ic.send('users', 'We are investigating problems paying at checkout.',
      [{ channel: 'email', list: 'users', to: ['users@lists.example.test'], subject: 'Investigating: Problems paying at checkout' }]);
    await pushAll(host.server.app, host.admin, [...opened, update, request]);
    await until('delivery.sent', async () => outcomesOf(await pullAll(host.server.app, host.admin), request.id).find((e) => e.type === 'delivery.sent'));
    const [mail] = sink.messages().filter((m) => m.headers.get('x-incident-update-id') === update.id);
    expect(mail!.headers.get('subject')).toBe('Investigating: Problems paying at checkout');
    expect(mail!.body).not.toContain('CheckoutHighErrorRate');
    expect(mail!.body).not.toContain('Dana IC');
    expect(mail!.body).toMatch(/Posted \d{4}-\d\d-\d\d \d\d:\d\d UTC\./);
  });

  it('a drill never emails anyone: the delivery is recorded as kept in the drill sandbox', async () => {
    const ic = new Commander(host.admin);
    const before = sink.messages().length;
    const { update, request } = ic.send('stakeholders', 'Drill update.', [{ channel: 'email', list: 'stakeholders', to: ['cto@example.test'] }]);
    await pushAll(host.server.app, host.admin, [...ic.open('Drill: DB failover', { drill: true }), update, request]);
    const sent = await until('delivery.sent', async () => outcomesOf(await pullAll(host.server.app, host.admin), request.id).find((e) => e.type === 'delivery.sent'));
    expect(sent.payload).toMatchObject({ sandbox: true });
    expect(sink.messages().length).toBe(before);
  });
});

describe('email misconfigured', () => {
  it('an unreachable SMTP server gives delivery.failed with the reason and retry times, then gives up; a retry after the fix sends it once', async () => {
    const { freePort } = await import('../../test/helpers/postgres');
    const settings = deliverySettings({ smtpUrl: `smtp://127.0.0.1:${await freePort()}`, maxAttempts: 2 });
    const other = await openWorkspaceServer('pglite', { deliveries: settings });
    try {
      const { server: srv, admin: boss } = other;
      const ic = new Commander(boss);
      const { update, request } = ic.send('stakeholders', 'Will it go?', [{ channel: 'email', list: 'stakeholders', to: ['cto@example.test'] }]);
      await pushAll(srv.app, boss, [...ic.open('SMTP down'), update, request]); // sync is not held up by the mail server
      const failures = await until('two failures', async () => {
        const f = outcomesOf(await pullAll(srv.app, boss), request.id).filter((e) => e.type === 'delivery.failed');
        return f.length >= 2 ? f : undefined;
      });
      const [first, last] = failures.map((e) => (e.type === 'delivery.failed' ? e.payload : null));
      expect(first).toMatchObject({ attempt: 1, reason: expect.stringMatching(/cannot reach the SMTP server/), nextAttemptAt: expect.any(String) });
      expect(last).toMatchObject({ attempt: 2, nextAttemptAt: null });

      settings.smtpUrl = sink.url; // the admin fixes SMTP_URL
      await pushAll(srv.app, boss, [ic.event('delivery.retried', { requestId: request.id, target: 'email:stakeholders' })]);
      const sent = await until('sent after retry', async () => outcomesOf(await pullAll(srv.app, boss), request.id).find((e) => e.type === 'delivery.sent'));
      expect(sent.payload).toMatchObject({ attempt: 3 });
      expect(sink.messages().filter((m) => m.headers.get('x-incident-update-id') === update.id)).toHaveLength(1);
    } finally {
      await other.close();
    }
  });

  it('without SMTP_URL the failure says so and is not retried', async () => {
    const other = await openWorkspaceServer('pglite', { deliveries: deliverySettings() });
    try {
      const { server: srv, admin: boss } = other;
      const ic = new Commander(boss);
      const { update, request } = ic.send('stakeholders', 'No mail here', [{ channel: 'email', list: 'stakeholders', to: ['cto@example.test'] }]);
      await pushAll(srv.app, boss, [...ic.open('No SMTP'), update, request]);
      const failed = await until('failed', async () => outcomesOf(await pullAll(srv.app, boss), request.id).find((e) => e.type === 'delivery.failed'));
      expect(failed.payload).toMatchObject({ reason: 'email is not configured on the server (set SMTP_URL)', nextAttemptAt: null, attempt: 1 });
    } finally {
      await other.close();
    }
  });
});
