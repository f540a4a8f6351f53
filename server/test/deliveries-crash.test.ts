// `npm run server` killed with SIGKILL in the middle of sending email, then restarted on the same data dir:
// what was sent before is not sent again, what was in flight or queued goes out exactly once, nothing is lost.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IncidentEvent } from '@shared/incident/events';
import { startSmtpSink, type SmtpSink } from '../../test/helpers/smtp-sink';
import { Commander, until } from './delivery-fixtures';
import { spawnServer, type Member, type ServerProcess } from './harness';

const root = mkdtempSync(join(tmpdir(), 'ic-crash-'));
const dataDir = join(root, 'data');

function start(smtpUrl: string): ServerProcess {
  return spawnServer({ DATA_DIR: dataDir, WEB_DIR: join(root, 'none'), LOG_LEVEL: 'info', SMTP_URL: smtpUrl,
    MAIL_FROM: 'Incidents <incidents@example.test>', DELIVERY_POLL_MS: '100' });
}

async function waitFor(r: ServerProcess, pattern: RegExp): Promise<RegExpMatchArray> {
  return until(`${pattern}`, () => {
    if (r.child.exitCode !== null) throw new Error(`server exited:\n${r.out()}`);
    return pattern.exec(r.out()) ?? undefined;
  }, 2400);
}

async function api<T>(url: string, path: string, member: Member | null, body?: unknown): Promise<T> {
  const res = await fetch(`${url}/api/v1${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { ...(member ? { authorization: `Bearer ${member.token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

const pullAll = async (url: string, m: Member) =>
  (await api<{ events: IncidentEvent[] }>(url, `/sync/pull?workspace=${m.workspace}&after=0&limit=1000`, m)).events;
const sentFor = (events: IncidentEvent[], requestId: string) => events.filter((e) => e.type === 'delivery.sent' && e.payload.requestId === requestId);

describe('deliveries survive kill -9', () => {
  let sink: SmtpSink | undefined;
  const running: ServerProcess[] = [];
  afterAll(async () => {
    for (const r of running) r.child.kill('SIGKILL');
    await sink?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('sends nothing twice and loses nothing across SIGKILL mid-delivery and a restart', { timeout: 240_000 }, async () => {
    // The sink waits 2 s before answering DATA: the window in which the server is killed mid-send.
    sink = await startSmtpSink({ dataDelaySeconds: 2 });
    const first = start(sink.url);
    running.push(first);
    const [, url] = await waitFor(first, /server: (http:\/\/\S+)\n/) as [string, string];
    const [, invite] = await waitFor(first, /ADMIN invite code: (\S+) /) as [string, string];
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
    await waitFor(first, new RegExp(`"request":"${b.request.id}"[^\\n]*delivery attempt started`));
    first.child.kill('SIGKILL');
    await first.exited;
    const subjectsBefore = sink.messages().map((m) => m.body);
    expect(subjectsBefore.filter((body) => body.includes('Update B'))).toHaveLength(0); // it really was mid-send

    const second = start(sink.url);
    running.push(second);
    const [, url2] = await waitFor(second, /server: (http:\/\/\S+)\n/) as [string, string];
    const events = await until('B and C sent', async () => {
      const all = await pullAll(url2, admin);
      return sentFor(all, b.request.id).length && sentFor(all, c.request.id).length ? all : undefined;
    }, 1200);

    const byText = (t: string) => sink!.messages().filter((m) => m.body.includes(t));
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
