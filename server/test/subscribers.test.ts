// Status-page subscribers against a real SMTP server (Postfix's smtp-sink): subscribe through the page's form, confirm
// from the email (the link works once; only its hash is stored), receive an update about a chosen component with a
// one-click unsubscribe (RFC 8058 headers), unsubscribe with the mail client's one-click POST, and receive nothing
// more. Addresses never appear on a public page or API; the composer's count sees only numbers.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sha256 } from '../src/auth/secrets';
import { unsubscribeToken } from '../src/subscribers/store';
import { startSmtpSink, type SinkMessage, type SmtpSink } from '../../test/helpers/smtp-sink';
import { Commander, deliverySettings, pullAll, pushAll, until } from './delivery-fixtures';
import { auth, inviteMember, openWorkspaceServer, type Member } from './harness';
import { perFile } from './per-file';

vi.setConfig({ testTimeout: 180_000 });
const PUBLIC = 'http://status.example.test';
let sink: SmtpSink;
beforeAll(async () => { sink = await startSmtpSink(); });
afterAll(() => sink?.stop());
const host = perFile(async () => {
  const opened = await openWorkspaceServer('pglite', { deliveries: deliverySettings({ smtpUrl: sink.url, publicUrl: PUBLIC }) }, { listen: true });
  return { ...opened, member: await inviteMember(opened.server.app, opened.admin, 'comms laptop') };
});

/** The text body as a reader sees it (nodemailer may send it quoted-printable). */
const text = (m: SinkMessage) => m.body.replace(/=\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
const to = (m: SinkMessage) => m.recipients.map((r) => r.toLowerCase());
const mailTo = (address: string) => sink.messages().filter((m) => to(m).includes(address));
const local = (link: string) => link.replace(PUBLIC, host.url);
const form = (fields: Array<[string, string]>) => ({ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
const iso = (min: number) => new Date(Date.now() + min * 60_000).toISOString();

async function count(components: string): Promise<number> {
  const res = await host.server.app.inject({ method: 'GET', url: `/api/v1/subscribers/count?components=${components}`, headers: auth(host.member) });
  expect(res.statusCode).toBe(200);
  return res.json<{ count: number }>().count;
}

async function postUpdate(text: string, components: string[]) {
  const ic = new Commander(host.admin);
  const { update, request } = ic.send('users', text, [{ channel: 'subscribers' }, { channel: 'status-page' }], {
    status: 'investigating', startedAt: iso(-5), estimatedResolutionAt: iso(60), nextUpdateAt: iso(30), components: components.map((id) => ({ id, status: 'partial_outage' as const })),
  });
  await pushAll(host.server.app, host.admin, [...ic.open(`Incident about ${components.join(', ')}`), update, request]);
  return until('the subscribers delivery', async () => (await pullAll(host.server.app, host.admin)).find((e) => e.type === 'delivery.sent' && e.payload.requestId === request.id && e.payload.target === 'subscribers'));
}

describe('status-page subscribers', () => {
  const address = 'Pat.Reader@example.test';

  it('subscribe on the page, confirm once from the email, get updates about the chosen component, unsubscribe in one click', async () => {
    const page = await (await fetch(`${host.url}/status`)).text();
    expect(page).toContain('action="/status/subscribe"');
    const csp = (await fetch(`${host.url}/status`)).headers.get('content-security-policy') ?? '';
    expect(csp).toContain("form-action 'self'");

    const answered = await fetch(`${host.url}/status/subscribe`, form([['email', address], ['component', 'payments']]));
    expect(answered.status).toBe(200);
    expect(await answered.text()).toContain('Check your inbox');
    const confirmation = await until('the confirmation email', () => mailTo(address.toLowerCase())[0]);
    expect(confirmation.headers.get('subject')).toMatch(/^Confirm your subscription to /);
    const link = /(http\S+\/status\/confirm\/sub_[A-Za-z0-9_-]{43})/.exec(text(confirmation))?.[1];
    expect(link).toBeDefined();
    const token = link!.split('/').pop()!;
    // Only the token's hash is stored.
    const stored = await host.backend.store.db.selectFrom('subscribers').selectAll().execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.confirm_hash).toBe(sha256(token));
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(await count('payments')).toBe(0); // not confirmed yet

    // Opening the link (a mail scanner's preview) changes nothing; the button confirms; the link works once.
    expect((await fetch(local(link!))).status).toBe(200);
    expect(await count('payments')).toBe(0);
    const confirmed = await fetch(local(link!), form([]));
    expect(confirmed.status).toBe(200);
    expect(await confirmed.text()).toContain('Subscribed');
    expect((await fetch(local(link!), form([]))).status).toBe(404);
    expect(await count('payments')).toBe(1);
    expect(await count('api')).toBe(0); // chose payments only
    expect(await count('')).toBe(1);

    // An update about another component reaches nobody; one about payments reaches the subscriber, with one-click unsubscribe.
    const elsewhere = await postUpdate('API latency is elevated.', ['api']);
    expect(elsewhere.payload).toMatchObject({ detail: '0 subscribers' });
    const sent = await postUpdate('Card payments are failing for some customers.', ['payments']);
    expect(sent.payload).toMatchObject({ detail: '1 subscriber' });
    const update = await until('the update email', () => mailTo(address.toLowerCase()).find((m) => text(m).includes('Card payments are failing')));
    expect(mailTo(address.toLowerCase()).filter((m) => text(m).includes('API latency'))).toHaveLength(0);
    expect(update.recipients).toEqual([address]);
    const listUnsubscribe = update.headers.get('list-unsubscribe') ?? '';
    expect(listUnsubscribe).toMatch(/^<http:\/\/status\.example\.test\/status\/unsubscribe\/[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}>$/);
    expect(update.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(text(update)).toContain(listUnsubscribe.slice(1, -1));

    // No address on any public page or API.
    for (const path of ['/status', '/api/v2/summary.json', '/api/v2/incidents.json', '/api/v2/components.json', '/api/v2/scheduled-maintenances.json']) {
      expect((await (await fetch(`${host.url}${path}`)).text()).toLowerCase()).not.toContain('pat.reader');
    }
    // A member sees counts only; the export is an admin's.
    expect((await host.server.app.inject({ method: 'GET', url: '/api/v1/subscribers', headers: auth(host.member) })).statusCode).toBe(403);
    const exported = await host.server.app.inject({ method: 'GET', url: '/api/v1/subscribers', headers: auth(host.admin) });
    expect(exported.json<{ subscribers: Array<{ email: string; components: string[]; state: string }> }>().subscribers).toEqual([
      expect.objectContaining({ email: address, components: ['payments'], state: 'confirmed' }),
    ]);

    // The mail client's one-click unsubscribe (RFC 8058): POST with List-Unsubscribe=One-Click.
    const one = await fetch(local(listUnsubscribe.slice(1, -1)), form([['List-Unsubscribe', 'One-Click']]));
    expect(one.status).toBe(200);
    expect(await one.text()).toContain('Unsubscribed');
    expect(await host.backend.store.db.selectFrom('subscribers').selectAll().execute()).toEqual([]);
    const before = mailTo(address.toLowerCase()).length;
    const after = await postUpdate('Payments are recovering.', ['payments']);
    expect(after.payload).toMatchObject({ detail: '0 subscribers' });
    await new Promise((r) => setTimeout(r, 500));
    expect(mailTo(address.toLowerCase())).toHaveLength(before);
  });

  it('refuses a bad address or component clearly, and throttles confirmation emails to one address', async () => {
    const bad = await fetch(`${host.url}/status/subscribe`, form([['email', 'not an address']]));
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('does not look like an email address');
    const unknown = await fetch(`${host.url}/status/subscribe`, form([['email', 'x@example.test'], ['component', 'no-such-thing']]));
    expect(unknown.status).toBe(400);
    const nul = await fetch(`${host.url}/status/subscribe`, form([['email', 'a\u0000b@example.test']]));
    expect(nul.status).toBe(400);
    // Twice in a row to one address: the same answer, one email.
    const victim = 'victim@example.test';
    for (let i = 0; i < 2; i++) expect((await fetch(`${host.url}/status/subscribe`, form([['email', victim]]))).status).toBe(200);
    await until('the confirmation', () => mailTo(victim)[0]);
    await new Promise((r) => setTimeout(r, 300));
    expect(mailTo(victim)).toHaveLength(1);
    // A forged unsubscribe link is refused.
    expect((await fetch(`${host.url}/status/unsubscribe/00000000-0000-4000-8000-000000000000.${'A'.repeat(43)}`, form([]))).status).toBe(404);
  });

  it('an admin counts, finds, exports and deletes subscribers; a deleted one stays deleted whatever old link is used', async () => {
    const subscribe = async (address: string, components: string[]) => {
      const seen = new Set(mailTo(address.toLowerCase()).map((m) => m.file));
      expect((await fetch(`${host.url}/status/subscribe`, form([['email', address], ...components.map((c): [string, string] => ['component', c])]))).status).toBe(200);
      const mail = await until(`the confirmation to ${address}`, () => mailTo(address.toLowerCase()).find((m) => !seen.has(m.file)));
      return /(http\S+\/status\/confirm\/sub_[A-Za-z0-9_-]{43})/.exec(text(mail))![1]!;
    };
    const confirm = async (link: string) => expect((await fetch(local(link), form([]))).status).toBe(200);
    const admin$ = (method: 'GET' | 'POST', path: string, payload?: object, who: Member = host.admin) =>
      host.server.app.inject({ method, url: `/api/v1${path}`, headers: auth(who), ...(payload ? { payload } : {}) });

    const base = (await admin$('GET', '/subscribers/summary')).json<{ confirmed: number; waiting: number }>(); // earlier tests' addresses
    const ann = 'ann.admin-test@example.test';
    const bo = 'Bo.Admin-Test@example.test';
    const cy = 'cy.admin-test@example.test';
    const annLink = await subscribe(ann, ['payments']);
    await confirm(annLink);
    await confirm(await subscribe(bo, []));
    await subscribe(cy, ['api']); // never confirmed
    const summary = await admin$('GET', '/subscribers/summary');
    expect(summary.statusCode).toBe(200);
    expect(summary.json()).toEqual({ confirmed: base.confirmed + 2, waiting: base.waiting + 1 });
    expect((await admin$('GET', '/subscribers/summary', undefined, host.member)).statusCode).toBe(403);

    // The export: addresses, components and times; never a token, a link, a hash or the unsubscribe key.
    const all = (await admin$('GET', '/subscribers')).json<{ subscribers: Array<{ id: string; email: string; components: string[]; state: string; confirmedAt: string | null }> }>().subscribers;
    expect(all.filter((x) => x.email.toLowerCase().includes('admin-test')).map((x) => [x.email, x.components, x.state])).toEqual([
      [ann, ['payments'], 'confirmed'], [bo, [], 'confirmed'], [cy, ['api'], 'waiting for confirmation'],
    ]);
    const key = (await host.backend.store.db.selectFrom('subscriber_keys').select('unsubscribe_key').executeTakeFirstOrThrow()).unsubscribe_key;
    const hashes = (await host.backend.store.db.selectFrom('subscribers').select('confirm_hash').execute()).flatMap((r) => (r.confirm_hash ? [r.confirm_hash] : []));
    const exported = JSON.stringify(all);
    for (const secret of [key, ...hashes]) expect(exported).not.toContain(secret);
    expect(exported).not.toMatch(/sub_[A-Za-z0-9_-]{43}|\.[A-Za-z0-9_-]{43}/);

    // Finding one address (any case) for a person's deletion request.
    const found = (await admin$('GET', `/subscribers?email=${encodeURIComponent(bo.toUpperCase())}`)).json<{ subscribers: Array<{ id: string; email: string }> }>().subscribers;
    expect(found.map((x) => x.email)).toEqual([bo]);
    expect((await admin$('GET', '/subscribers?email=not-an-address')).statusCode).toBe(400);

    // Ann is deleted by an admin: her confirmation link and her unsubscribe link bring nothing back.
    const annId = all.find((x) => x.email === ann)!.id;
    const annUnsubscribe = `/status/unsubscribe/${await unsubscribeToken(host.backend.store.db, host.admin.workspace, annId)}`;
    expect((await admin$('POST', `/subscribers/${annId}/delete`)).statusCode).toBe(200);
    expect((await admin$('POST', `/subscribers/${annId}/delete`)).statusCode).toBe(404);
    expect((await fetch(local(annLink), form([]))).status).toBe(404);
    const page = await fetch(`${host.url}${annUnsubscribe}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Already unsubscribed');
    const oneClick = await fetch(`${host.url}${annUnsubscribe}`, form([['List-Unsubscribe', 'One-Click']]));
    expect(oneClick.status).toBe(200);
    expect(await oneClick.text()).toContain('Already unsubscribed');
    expect((await admin$('GET', `/subscribers?email=${encodeURIComponent(ann)}`)).json<{ subscribers: unknown[] }>().subscribers).toEqual([]);
    expect(await count('payments')).toBe(1); // Bo (every component) only

    // Ann subscribes again later: a new subscription with its own link; the old link does not end it.
    await confirm(await subscribe(ann, ['payments']));
    expect(await count('payments')).toBe(2);
    expect((await fetch(`${host.url}${annUnsubscribe}`, form([]))).status).toBe(200);
    expect(await count('payments')).toBe(2);

    // Deleting every one needs the words, and takes the send records with the addresses.
    expect((await admin$('POST', '/subscribers/delete-all', {})).statusCode).toBe(400);
    expect((await admin$('POST', '/subscribers/delete-all', { confirm: 'delete every subscriber' }, host.member)).statusCode).toBe(403);
    const emptied = await admin$('POST', '/subscribers/delete-all', { confirm: 'delete every subscriber' });
    expect(emptied.json()).toEqual({ deleted: base.confirmed + base.waiting + 3 });
    expect((await admin$('GET', '/subscribers/summary')).json()).toEqual({ confirmed: 0, waiting: 0 });
    expect(await host.backend.store.db.selectFrom('subscriber_sends').selectAll().execute()).toEqual([]);
  });
});
