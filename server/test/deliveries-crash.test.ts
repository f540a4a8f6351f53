// `npm run server` killed with SIGKILL in the middle of sending email, then restarted on the same data dir:
// what was sent before is not sent again, what was in flight or queued goes out exactly once, nothing is lost.
import { describe, expect, it } from 'vitest';
import type { IncidentEvent } from '@shared/incident/events';
import { crashRig } from './crash-rig';
import { Commander, until } from './delivery-fixtures';
import { httpApi as api, httpPull as pullAll, waitForOutput, type Member } from './harness';

const rig = crashRig('ic-crash-', { MAIL_FROM: 'Incidents <incidents@example.test>' });
const sentFor = (events: IncidentEvent[], requestId: string) => events.filter((e) => e.type === 'delivery.sent' && e.payload.requestId === requestId);

describe('deliveries survive kill -9', () => {
  it('sends nothing twice and loses nothing across SIGKILL mid-delivery and a restart', { timeout: 240_000 }, async () => {
    // The sink waits 2 s before answering DATA: the window in which the server is killed mid-send.
    const sink = await rig.startSink({ dataDelaySeconds: 2 });
    const { server: first, url } = await rig.start();
    const [, invite] = await waitForOutput(first, /ADMIN invite code: (\S+) /) as unknown as [string, string];
    const admin = await api<Member>(url, '/join', null, { inviteCode: invite, deviceName: 'ic-laptop', displayName: 'Ada' });
    const ic = new Commander(admin);
    const to = ['cto@example.test'];

    // A: sent before the crash.
    const a = ic.send('stakeholders', 'Update A', [{ channel: 'email', list: 'stakeholders', to }]);
    await api(url, '/sync/push', admin, { workspace: admin.workspace, events: [...ic.open('Payments down'), a.update, a.request] });
    await until('A sent', async () => sentFor(await pullAll(url, admin), a.request.id)[0], 600);

    // B and C: queued together; the server dies while they are being sent.
    const b = ic.send('stakeholders', 'Update B', [{ channel: 'email', list: 'stakeholders', to }]);
    const c = ic.send('stakeholders', 'Update C', [{ channel: 'email', list: 'stakeholders', to }]);
    await api(url, '/sync/push', admin, { workspace: admin.workspace, events: [b.update, b.request, c.update, c.request] });
    await waitForOutput(first, new RegExp(`"request":"${b.request.id}"[^\\n]*delivery attempt started`));
    first.child.kill('SIGKILL');
    await first.exited;
    const subjectsBefore = sink.messages().map((m) => m.body);
    expect(subjectsBefore.filter((body) => body.includes('Update B'))).toHaveLength(0); // it really was mid-send

    const { server: second, url: url2 } = await rig.start();
    const events = await until('B and C sent', async () => {
      const all = await pullAll(url2, admin);
      return sentFor(all, b.request.id).length && sentFor(all, c.request.id).length ? all : undefined;
    }, 1200);

    const byText = (t: string) => sink.messages().filter((m) => m.body.includes(t));
    expect(byText('Update A')).toHaveLength(1);
    expect(byText('Update B')).toHaveLength(1);
    expect(byText('Update C')).toHaveLength(1);
    for (const r of [a, b, c]) expect(sentFor(events, r.request.id)).toHaveLength(1);
    const ids = sink.messages().map((m) => m.headers.get('message-id'));
    expect(new Set(ids).size).toBe(3);

    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });
});
