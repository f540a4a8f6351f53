// `npm run server` killed with SIGKILL while it emails an update to the status page's subscribers, then restarted on
// the same data dir: the subscribers who had their email before the crash do not get it again, the rest get it once,
// and the update is recorded as sent once. The only copy a crash can cause is a message the SMTP server accepted in the
// instant before the kill, before its mark was written (at most one burst of the pool's connections): it goes again
// with the same Message-ID, which a mail system uses to recognise it.
import { describe, expect, it } from 'vitest';
import { bootstrapIfEmpty } from '../src/bootstrap';
import { openStore } from '../src/db/open';
import type { SmtpSink } from '../../test/helpers/smtp-sink';
import { crashRig } from './crash-rig';
import { Commander, until } from './delivery-fixtures';
import { httpApi as api, httpPull as pullAll, type Member } from './harness';
import { seedConfirmedSubscribers } from './subscriber-fixtures';

const SUBSCRIBERS = 40;
/** The sink holds each message 1 s before taking it: four connections, about four messages a second. */
const KILL_AFTER = 16;
/** Messages accepted but not yet marked when the server dies: at most the bursts of the pool's 4 connections in one mark write. */
const IN_FLIGHT = 8;

const rig = crashRig('ic-subscribers-crash-', { MAIL_FROM: 'Status <status@example.test>', PUBLIC_URL: 'http://status.example.test' });
const iso = (min: number) => new Date(Date.now() + min * 60_000).toISOString();
/** Messages the sink took whole (a transaction cut off by the kill leaves a file without the message: not one). */
const delivered = (sink: SmtpSink) => sink.messages().filter((m) => m.headers.has('message-id'));

describe('subscriber emails survive kill -9', () => {
  it('each subscriber gets the update once across SIGKILL mid-sending and a restart', { timeout: 240_000 }, async () => {
    // The workspace and its confirmed subscribers, as a server that ran for a while holds them.
    const store = await openStore({ dataDir: rig.dataDir });
    const boot = await bootstrapIfEmpty(store.db, 'crash test');
    if (!boot) throw new Error('the store was not empty');
    await seedConfirmedSubscribers(store.db, boot.workspaceId, SUBSCRIBERS);
    await store.close();

    const sink = await rig.startSink({ dataDelaySeconds: 1 });
    const { server: first, url } = await rig.start();
    const admin = await api<Member>(url, '/join', null, { inviteCode: boot.invite.inviteCode, deviceName: 'comms-laptop', displayName: 'Ada' });
    const ic = new Commander(admin);
    const { update, request } = ic.send('users', 'Card payments fail for some customers. Next update within 30 minutes.', [{ channel: 'subscribers' }], {
      status: 'investigating', startedAt: iso(-5), estimatedResolutionAt: iso(60), nextUpdateAt: iso(30), components: [{ id: 'payments', status: 'partial_outage' }],
    });
    await api(url, '/sync/push', admin, { workspace: admin.workspace, events: [...ic.open('Card payments failing'), update, request] });

    // Killed once a good part of the subscribers had their email, while the rest are being sent.
    await until(`${KILL_AFTER} emails accepted`, () => (delivered(sink).length >= KILL_AFTER ? true : undefined), 1200);
    first.child.kill('SIGKILL');
    await first.exited;
    const before = delivered(sink);
    expect(before.length).toBeLessThan(SUBSCRIBERS); // it really was mid-sending

    const { server: second, url: url2 } = await rig.start();
    const sent = await until('the subscribers delivery recorded', async () => {
      const s = (await pullAll(url2, admin)).filter((e) => e.type === 'delivery.sent' && e.payload.requestId === request.id);
      return s.length ? s : undefined;
    }, 1200);
    expect(sent).toHaveLength(1);

    const all = delivered(sink);
    const byReader = new Map<string, string[]>();
    for (const m of all) {
      expect(m.recipients).toHaveLength(1);
      const to = m.recipients[0]!.toLowerCase();
      byReader.set(to, [...(byReader.get(to) ?? []), m.headers.get('message-id') ?? '']);
    }
    // Every subscriber got it; nobody who had it before the crash got it again, beyond the messages in flight.
    expect([...byReader.keys()].sort()).toEqual(Array.from({ length: SUBSCRIBERS }, (_, i) => `reader-${i}@example.test`).sort());
    const again = [...byReader.values()].filter((ids) => ids.length > 1);
    expect(again.length).toBeLessThanOrEqual(IN_FLIGHT);
    expect(all.length).toBe(SUBSCRIBERS + again.length);
    // A copy carries the Message-ID of the first: the same message, which a mail system recognises.
    for (const ids of again) expect(new Set(ids).size).toBe(1);
    // Message-IDs are per subscriber of this update: 40 different ones.
    expect(new Set(all.map((m) => m.headers.get('message-id'))).size).toBe(SUBSCRIBERS);

    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });
});
