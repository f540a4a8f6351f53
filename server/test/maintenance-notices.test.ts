// A maintenance window's emails to its subscribers through the delivery worker and a real SMTP server (smtp-sink), as
// Atlassian Statuspage sends them: the announcement when it is scheduled, a reminder 60 minutes before, the start and
// the end, and an update posted with "email the subscribers"; each to the subscribers of the window's components only,
// exactly once per subscriber, with the one-click unsubscribe; a cancelled window sends nothing more. The server's clock
// is moved forward (ctx.now) so hours pass in seconds.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createEvent, newId } from '@shared/incident/create';
import type { IncidentEvent, PayloadInput } from '@shared/incident/events';
import { HybridClock } from '@shared/hlc/hlc';
import { MAINTENANCE_STREAM_ID } from '@shared/workspace/streams';
import { confirmSubscription, requestSubscription } from '../src/subscribers/store';
import { startSmtpSink, type SinkMessage, type SmtpSink } from '../../test/helpers/smtp-sink';
import { deliverySettings, pullAll, pushAll, until } from './delivery-fixtures';
import { openWorkspaceServer } from './harness';
import { perFile } from './per-file';

vi.setConfig({ testTimeout: 180_000 });
const H = 3_600_000;
let offset = 0;
const now = () => Date.now() + offset;
let sink: SmtpSink;
beforeAll(async () => { sink = await startSmtpSink(); });
afterAll(() => sink?.stop());
const host = perFile(async () => {
  const opened = await openWorkspaceServer('pglite', { now, deliveries: deliverySettings({ smtpUrl: sink.url, publicUrl: 'http://status.example.test', pollMs: 100 }) });
  const { db } = opened.backend.store;
  for (const [email, components] of [['pat@example.test', ['payments']], ['quinn@example.test', ['api']], ['robin@example.test', []]] as const) {
    const asked = await requestSubscription(db, opened.admin.workspace, email, [...components], new Date(now() - 60_000));
    if (asked === 'throttled') throw new Error('throttled');
    await confirmSubscription(db, asked.token, new Date(now() - 60_000));
  }
  return opened;
});

let clock: HybridClock | undefined;
const ev = <T extends 'maintenance.scheduled' | 'maintenance.updated'>(type: T, payload: PayloadInput<T>) =>
  createEvent({ clock: (clock ??= new HybridClock(host.admin.deviceId)), actor: { name: 'Casey', deviceId: host.admin.deviceId } }, MAINTENANCE_STREAM_ID, type, payload) as IncidentEvent;
const subjects = (address: string) => sink.messages().filter((m) => m.recipients.includes(address)).map((m) => m.headers.get('subject') ?? '').sort();
const text = (m: SinkMessage) => m.body.replace(/=\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
const sentEvents = async () => (await pullAll(host.server.app, host.admin)).filter((e) => e.incidentId === MAINTENANCE_STREAM_ID && e.type === 'delivery.sent');

async function settle(expectedSent: number): Promise<void> {
  host.server.deliveries?.kick();
  await until(`${expectedSent} notices sent`, async () => ((await sentEvents()).length >= expectedSent ? true : undefined));
  // More rounds change nothing: each notice went once.
  for (let i = 0; i < 3; i++) { host.server.deliveries?.kick(); await host.server.deliveries?.idle(); }
}

describe('maintenance emails to subscribers', () => {
  it('announces, reminds, starts, updates and completes, each once, to the affected components\' subscribers only', async () => {
    const id = newId();
    const starts = now() + 2 * H;
    await pushAll(host.server.app, host.admin, [ev('maintenance.scheduled', {
      maintenanceId: id, title: 'Database upgrade', text: 'Card payments may pause for up to a minute.', componentIds: ['payments'],
      startsAt: new Date(starts).toISOString(), endsAt: new Date(starts + 2 * H).toISOString(),
      notifySubscribers: true, autoNotify: { reminder: true, start: true, end: true },
    })]);
    await settle(1);
    const [announced] = await sentEvents();
    expect(announced!.payload).toMatchObject({ target: 'subscribers', channel: 'subscribers', detail: '2 subscribers' });
    expect(announced!.actor.deviceId).not.toBe(host.admin.deviceId);
    expect(subjects('pat@example.test')).toEqual(['Scheduled maintenance: Database upgrade']);
    expect(subjects('robin@example.test')).toEqual(['Scheduled maintenance: Database upgrade']);
    expect(subjects('quinn@example.test')).toEqual([]); // subscribed to the API only
    const mail = sink.messages().find((m) => m.recipients.includes('pat@example.test'))!;
    expect(text(mail)).toContain('Card payments may pause for up to a minute.');
    expect(text(mail)).toMatch(/Window: \d{4}-\d\d-\d\d \d\d:\d\d UTC to \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    expect(mail.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(mail.headers.get('references')).toMatch(new RegExp(`^<maintenance\\.${id}@`));

    offset = 2 * H - 55 * 60_000; // 55 minutes before the start
    await settle(2);
    expect(subjects('pat@example.test')).toEqual(['Reminder: scheduled maintenance in 60 minutes: Database upgrade', 'Scheduled maintenance: Database upgrade']);

    offset = 2 * H + 60_000; // it started by itself
    await settle(3);
    await pushAll(host.server.app, host.admin, [ev('maintenance.updated', { maintenanceId: id, status: 'verifying', text: 'The upgrade is done; we are checking payments.', notifySubscribers: true })]);
    await settle(4);
    await pushAll(host.server.app, host.admin, [ev('maintenance.updated', { maintenanceId: id, text: 'A note for the page only.' })]);
    offset = 4 * H + 60_000; // ended by itself
    await settle(5);

    for (const who of ['pat@example.test', 'robin@example.test']) {
      expect(subjects(who)).toEqual([
        'Maintenance completed: Database upgrade', 'Maintenance in progress: Database upgrade', 'Maintenance verifying: Database upgrade',
        'Reminder: scheduled maintenance in 60 minutes: Database upgrade', 'Scheduled maintenance: Database upgrade',
      ]);
    }
    expect(subjects('quinn@example.test')).toEqual([]);
    const ids = sink.messages().map((m) => m.headers.get('message-id'));
    expect(new Set(ids).size).toBe(ids.length);
    expect(await sentEvents()).toHaveLength(5);
  });

  it('a window cancelled before its start sends its cancellation (when asked) and no reminder, start or end', async () => {
    offset = 0;
    const seen = new Set(sink.messages().map((m) => m.file));
    const fresh = () => sink.messages().filter((m) => !seen.has(m.file));
    const already = (await sentEvents()).length;
    const id = newId();
    const starts = now() + 3 * H;
    await pushAll(host.server.app, host.admin, [ev('maintenance.scheduled', {
      maintenanceId: id, title: 'API gateway swap', text: 'API calls may fail for a few seconds.', componentIds: ['api'],
      startsAt: new Date(starts).toISOString(), endsAt: new Date(starts + H).toISOString(), autoNotify: { reminder: true, start: true, end: true },
    })]);
    await pushAll(host.server.app, host.admin, [ev('maintenance.updated', { maintenanceId: id, status: 'completed', cancelled: true, text: 'Cancelled: the swap is not needed after all.', notifySubscribers: true })]);
    await settle(already + 1);
    expect(fresh().map((m) => [m.recipients[0], m.headers.get('subject')]).sort()).toEqual([
      ['quinn@example.test', 'Maintenance cancelled: API gateway swap'], ['robin@example.test', 'Maintenance cancelled: API gateway swap'],
    ]);
    for (const at of [3 * H - 50 * 60_000, 3 * H + 60_000, 4 * H + 60_000]) {
      offset = at;
      host.server.deliveries?.kick();
      await host.server.deliveries?.idle();
    }
    expect(fresh()).toHaveLength(2);
  });
});
