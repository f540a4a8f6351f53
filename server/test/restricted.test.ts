// Restricted incidents through the public API, with three consoles: a participant (Pat), a non-participant (Nico) and
// the security officer of the contact sheet (Sam); on PGlite and on two instances sharing one PostgreSQL (Nico on
// the second). What a console may not see never leaves the server: not by pull, not by the per-stream read, not by
// a poke; what it may see again comes back whole; nothing a participant logged is lost.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertStreamId } from '@shared/alerts/ids';
import { createEvent } from '@shared/incident/create';
import type { IncidentEvent } from '@shared/incident/events';
import { HybridClock } from '@shared/hlc/hlc';
import { TEAM_STREAM_ID } from '@shared/workspace/streams';
import { appendServerEvents } from '../src/store/server-events';
import { createInvite } from '../src/store/workspaces';
import { until } from './delivery-fixtures';
import { BACKENDS, join, push, stopCluster } from './harness';
import { headSeq, openCast, serverEvents, type Bench, type Console, type Team } from './restricted-harness';

afterAll(() => stopCluster());

const opened = (title: string, restricted: boolean) => ({
  title, detectedAt: '2026-06-01T10:00:00.000Z', impactStartedAt: '2026-06-01T10:00:00.000Z', severity: 'P0', category: restricted ? 'security' : 'application',
  ...(restricted ? { visibility: 'restricted' as const } : {}),
});
const idsOf = (c: Console, incidentId: string) => [...c.store.events.values()].filter((e) => e.incidentId === incidentId).map((e) => e.id).sort();
const serverIdsOf = async (bench: Bench, team: Team, incidentId: string) => (await serverEvents(bench, team.workspace)).filter((e) => e.incidentId === incidentId).map((e) => e.id).sort();

describe.each(BACKENDS)('restricted incidents on %s', (kind) => {
  let bench: Bench;
  let team: Team;
  let pat: Console;
  let nico: Console;
  let sam: Console;

  beforeAll(async () => {
    ({ bench, team, pat, nico, sam } = await openCast(kind));
    for (const c of [pat, nico, sam]) await c.sync();
  });
  afterAll(async () => {
    for (const c of [pat, nico, sam]) c.close();
    await bench.close();
  });

  const tick = () => bench.clock.tick();

  it('declared restricted: the participant and the security officer get it, the non-participant gets nothing of it but its existence', async () => {
    const x = randomUUID();
    const y = randomUUID();
    tick(); pat.record(x, 'incident.opened', opened('Customer database exfiltrated via leaked key', true));
    tick(); pat.record(x, 'entry.added', { kind: 'evidence', text: 'Attacker IP 203.0.113.9 read the customers table' });
    tick(); pat.record(y, 'incident.opened', opened('Checkout latency', false));
    expect(await pat.sync()).toBe(true);
    const seen: string[][] = [];
    nico.onReceive = (r) => seen.push(r.streams);
    expect(await nico.sync()).toBe(true);
    nico.onReceive = undefined;
    expect(seen.flat()).not.toContain(x);
    expect(idsOf(nico, x)).toEqual([]);
    expect(idsOf(nico, y)).toEqual(await serverIdsOf(bench, team, y));
    expect([...nico.store.hidden]).toEqual([x]);
    expect(await sam.sync()).toBe(true);
    expect(idsOf(sam, x)).toEqual(await serverIdsOf(bench, team, x));
    expect(sam.store.hidden.size).toBe(0);
    // The per-stream read says no too, naming the stream, and never a 5xx.
    const res = await bench.servers[1 % bench.servers.length]!.app.inject({
      method: 'GET', url: `/api/v1/sync/stream?workspace=${team.workspace}&stream=${x}`, headers: { authorization: `Bearer ${nico.member.token}` },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ error: 'restricted_incident', path: 'stream' });
    expect(res.body).not.toContain('exfiltrated');
  });

  it('restricted mid-incident: the other console purges it, cannot push to it, and gets all of it back once invited', async () => {
    const y = randomUUID();
    tick(); pat.record(y, 'incident.opened', opened('Unusual logins', false));
    tick(); pat.record(y, 'entry.added', { kind: 'note', text: 'Looks like credential stuffing' });
    await pat.sync();
    await nico.sync();
    tick(); nico.record(y, 'entry.added', { kind: 'note', text: 'Nico: WAF shows 40k requests/min' });
    await nico.sync();
    expect(idsOf(nico, y)).toHaveLength(3);

    tick(); pat.record(y, 'visibility.changed', { to: 'restricted', reason: 'customer data may be involved' });
    tick(); pat.record(y, 'entry.added', { kind: 'evidence', text: 'Legal: notify DPO within 24h' });
    await pat.sync();
    await nico.sync();
    expect(idsOf(nico, y)).toEqual([]);
    expect(nico.store.hidden.has(y)).toBe(true);

    // Nico's console no longer shows it; a console that tries anyway is refused, naming the event and why.
    const clock = new HybridClock(nico.member.deviceId, bench.clock.read);
    const late = createEvent({ clock, actor: { name: 'Nico Outsider', deviceId: nico.member.deviceId }, now: bench.clock.read }, y, 'entry.added', { kind: 'note', text: 'still here?' }) as IncidentEvent;
    const refused = await push(bench.servers[0]!.app, nico.member, [late]);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ error: 'restricted_incident', index: 0, path: 'incidentId' });
    // Nor can it let itself in.
    const selfInvite = createEvent({ clock, actor: { name: 'Nico Outsider', deviceId: nico.member.deviceId }, now: () => bench.clock.now - 60_000 }, y, 'participant.invited', { person: 'Nico Outsider' }) as IncidentEvent;
    expect((await push(bench.servers[0]!.app, nico.member, [selfInvite])).json()).toMatchObject({ error: 'restricted_incident' });

    // Nothing the participant logged is lost: the server has all of it, Nico's entry from before included, attributed.
    const onServer = (await serverEvents(bench, team.workspace)).filter((e) => e.incidentId === y);
    expect(onServer).toHaveLength(5);
    expect(onServer.find((e) => e.type === 'entry.added' && e.payload.text.startsWith('Nico:'))?.actor.deviceId).toBe(nico.member.deviceId);

    tick(); pat.record(y, 'participant.invited', { person: 'nico outsider' });
    await pat.sync();
    await nico.sync();
    expect(nico.store.hidden.has(y)).toBe(false);
    expect(idsOf(nico, y)).toEqual(await serverIdsOf(bench, team, y));
    expect(nico.received.some((r) => r.path === '/sync/stream' && r.streams.includes(y))).toBe(true);
  });

  it('offline edges: restricted while offline, logged before it was restricted, removed while offline', async () => {
    const x = randomUUID();
    tick(); pat.record(x, 'incident.opened', opened('Vendor breach notice', false));
    await pat.sync();
    await nico.sync();

    // Nico, offline, logs into the open incident; Pat then restricts it (online).
    tick(); const before = nico.record(x, 'entry.added', { kind: 'note', text: 'vendor says tokens rotated' });
    tick(); pat.record(x, 'visibility.changed', { to: 'restricted', reason: 'vendor breach' });
    await pat.sync();
    // Still offline, Nico logs again, after the restriction.
    tick(); const after = nico.record(x, 'entry.added', { kind: 'note', text: 'written after it was restricted' });
    await nico.sync();
    const onServer = await serverIdsOf(bench, team, x);
    expect(onServer).toContain(before.id); // logged while it could see it: kept, attributed
    expect(onServer).not.toContain(after.id); // logged after: refused, and dropped with the purge
    expect(nico.store.dropped.map((e) => e.id)).toEqual([after.id]);
    expect(idsOf(nico, x)).toEqual([]);
    // Nothing is left waiting or held on Nico's console: the refused entry went with the incident.
    expect(nico.engine.getStatus()).toMatchObject({ state: 'online', pending: 0, held: 0 });

    // Pat restricts another incident while offline; Nico keeps working in it meanwhile; nothing is lost either way.
    const z = randomUUID();
    tick(); pat.record(z, 'incident.opened', opened('Phishing campaign', false));
    await pat.sync();
    await nico.sync();
    tick(); const patOffline = pat.record(z, 'visibility.changed', { to: 'restricted', reason: 'offline in the war room' });
    tick(); const patEntry = pat.record(z, 'entry.added', { kind: 'decision', text: 'Reset all staff passwords' });
    tick(); const nicoMeanwhile = nico.record(z, 'entry.added', { kind: 'note', text: 'two more reports' });
    await nico.sync();
    await pat.sync();
    await nico.sync();
    expect(await serverIdsOf(bench, team, z)).toEqual(expect.arrayContaining([patOffline.id, patEntry.id, nicoMeanwhile.id]));
    expect(idsOf(nico, z)).toEqual([]);

    // Nico invited, then removed while offline: what Nico logged before the removal stays, what came after does not.
    tick(); pat.record(z, 'participant.invited', { person: 'Nico Outsider' });
    await pat.sync();
    await nico.sync();
    expect(idsOf(nico, z)).toEqual(await serverIdsOf(bench, team, z));
    tick(); const whileIn = nico.record(z, 'entry.added', { kind: 'note', text: 'phish kit hosted on 198.51.100.4' });
    tick(); sam.record(z, 'participant.removed', { person: 'Nico Outsider', reason: 'need to know' });
    await sam.sync();
    tick(); const afterRemoval = nico.record(z, 'entry.added', { kind: 'note', text: 'after removal' });
    await nico.sync();
    const zOnServer = await serverIdsOf(bench, team, z);
    expect(zOnServer).toContain(whileIn.id);
    expect(zOnServer).not.toContain(afterRemoval.id);
    expect(idsOf(nico, z)).toEqual([]);
    await sam.sync();
    expect(idsOf(sam, z)).toEqual(zOnServer);
  });

  it('a pull racing the push that restricts never carries what was logged with the restriction', async () => {
    const x = randomUUID();
    tick(); pat.record(x, 'incident.opened', opened('Payroll export found on a paste site', false));
    await pat.sync();
    await nico.sync();
    const secrets: string[] = [];
    for (let round = 0; round < 5; round++) {
      tick(); pat.record(x, round === 0 ? 'visibility.changed' : 'participant.invited', round === 0 ? { to: 'restricted', reason: 'payroll data' } : { person: `Counsel ${round}` });
      tick(); secrets.push(pat.record(x, 'entry.added', { kind: 'evidence', text: `secret ${round}` }).id);
      let pushing = true;
      const seen: string[] = [];
      const puller = (async () => {
        for (let i = 0; pushing || i < 1; i++) {
          const res = await bench.servers[1 % bench.servers.length]!.app.inject({
            method: 'GET', url: `/api/v1/sync/pull?workspace=${team.workspace}&after=0&limit=1000`, headers: { authorization: `Bearer ${nico.member.token}` },
          });
          seen.push(...res.json<{ events: Array<{ id: string }> }>().events.map((e) => e.id));
        }
      })();
      await pat.sync();
      pushing = false;
      await puller;
      expect(seen.filter((id) => secrets.includes(id))).toEqual([]);
    }
  });

  it('an alert group attached to a restricted incident is hidden with it', async () => {
    const x = randomUUID();
    tick(); pat.record(x, 'incident.opened', opened('Credential leak alert', true));
    await pat.sync();
    const group = alertStreamId(team.workspace, 'generic', `leak-${x}`);
    const at = new Date(bench.clock.tick()).toISOString();
    await appendServerEvents(bench.servers[0]!.ctx, team.workspace, [
      { incidentId: group, type: 'alert.notified', payload: { source: 'generic', groupKey: `leak-${x}`, title: 'Secrets in public repo', groupLabels: {}, fingerprint: 'f1', status: 'firing', labels: { repo: 'billing' }, annotations: {}, startsAt: at, triage: { action: 'triage' } } },
      { incidentId: group, type: 'alert.attached', payload: { incidentId: x } },
    ]);
    const seen: string[][] = [];
    nico.onReceive = (r) => seen.push(r.streams);
    await nico.sync();
    nico.onReceive = undefined;
    expect(seen.flat()).not.toContain(group);
    expect(nico.store.hidden.has(group)).toBe(true);
    await sam.sync();
    expect(idsOf(sam, group)).toHaveLength(2);
  });

  it('only an admin or a security officer makes someone a security officer', async () => {
    const clock = new HybridClock(nico.member.deviceId, bench.clock.read);
    tick();
    const promote = createEvent({ clock, actor: { name: 'Nico Outsider', deviceId: nico.member.deviceId }, now: bench.clock.read }, TEAM_STREAM_ID, 'contact.added',
      { contactId: `c-${randomUUID()}`, name: 'Nico Outsider', roleIds: ['security-officer'], phone: '', email: '', notes: '' }) as IncidentEvent;
    const res = await push(bench.servers[0]!.app, nico.member, [promote]);
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ error: 'restricted_incident', index: 0, path: 'payload' });
    expect(res.json().message).toContain('nico outsider a security officer');
    // A contact without the role is anyone's to add.
    tick();
    const plain = createEvent({ clock, actor: { name: 'Nico Outsider', deviceId: nico.member.deviceId }, now: bench.clock.read }, TEAM_STREAM_ID, 'contact.added',
      { contactId: `c-${randomUUID()}`, name: 'Nico Outsider', roleIds: ['on-call-engineer'], phone: '', email: '', notes: '' }) as IncidentEvent;
    expect((await push(bench.servers[0]!.app, nico.member, [plain])).statusCode).toBe(200);
  });

  it('pokes: activity in a restricted incident pokes its participants only; restricting pokes the others so they purge at once', async () => {
    // No fixed waits: what must arrive is awaited; what must not is fenced by a later poke the console must get
    // (pokes reach a console in the order of the log, also from the other instance).
    const pokedAt = (c: Console, seq: number) => until(`${c.name} poked for seq ${seq}`, () => (c.pokes.includes(seq) ? true : undefined), 400);
    // First a fence: the gate judges a poke by what may be read when it runs, so a poke still being judged for an
    // earlier test's write (the contact sheet's, say) could already count the declaration below and be the one
    // that tells Nico. Once Nico is poked for this open incident, every earlier judgement has been made.
    const fence = randomUUID();
    tick(); pat.record(fence, 'incident.opened', opened('Printer out of toner', false));
    await pat.sync();
    await pokedAt(nico, await headSeq(bench, team.workspace));
    const x = randomUUID();
    tick(); pat.record(x, 'incident.opened', opened('Insider access review', true));
    await pat.sync();
    const declaredSeq = await headSeq(bench, team.workspace);
    await pokedAt(sam, declaredSeq);
    // Nico is poked once for the declaration: what it may read changed (one more hidden stream), nothing of it more.
    await pokedAt(nico, declaredSeq);
    const nicoBefore = nico.pokes.length;
    tick(); pat.record(x, 'entry.added', { kind: 'note', text: 'HR informed' });
    await pat.sync();
    await pokedAt(sam, await headSeq(bench, team.workspace));

    const y = randomUUID();
    tick(); pat.record(y, 'incident.opened', opened('Login page defaced', false));
    await pat.sync();
    const openedSeq = await headSeq(bench, team.workspace);
    await pokedAt(nico, openedSeq);
    // The fence: the open incident's poke is the only one Nico got since the restricted incident's entry.
    expect(nico.pokes.slice(nicoBefore)).toEqual([openedSeq]);
    tick(); pat.record(y, 'visibility.changed', { to: 'restricted', reason: 'attacker may read the channel' });
    await pat.sync();
    const restrictedSeq = await headSeq(bench, team.workspace);
    await pokedAt(nico, restrictedSeq);
    expect(nico.pokes.slice(nicoBefore)).toEqual([openedSeq, restrictedSeq]);
  });

  it('the name a console joins under is not free: a security officer\'s, a participant\'s or one in use needs an invite made for that person', async () => {
    const x = randomUUID();
    tick(); pat.record(x, 'incident.opened', opened('Payroll export found on a paste site', true));
    await pat.sync();
    const app = bench.servers[0]!.app;
    const { db } = bench.backend.store;
    const anyInvite = async () => (await createInvite(db, team.workspace, { role: 'member', maxUses: 1, expiresInHours: 1 })).inviteCode;
    const joinAs = async (code: string, name: string) => app.inject({ method: 'POST', url: '/api/v1/join', payload: { inviteCode: code, deviceName: `${name}'s laptop`, displayName: name } });
    // The security officer's name (any spelling of it), the participant's, the outsider's (in use): refused, saying why.
    for (const name of ['sam  OFFICER', 'Pat Participant', 'Nico Outsider']) {
      const res = await joinAs(await anyInvite(), name);
      expect(res.statusCode, name).toBe(409);
      expect(res.json()).toMatchObject({ error: 'name_taken' });
      expect(res.json<{ message: string }>().message).toMatch(/invite an admin made for|already joined as/);
    }
    // A refused join spends nothing: the same code joins under a name of one's own, which reads nothing restricted.
    const code = await anyInvite();
    expect((await joinAs(code, 'Sam Officer')).statusCode).toBe(409);
    const newcomer = await joinAs(code, 'Riley Newcomer');
    expect(newcomer.statusCode).toBe(200);
    const read = (token: string) => app.inject({ method: 'GET', url: `/api/v1/sync/stream?workspace=${team.workspace}&stream=${x}`, headers: { authorization: `Bearer ${token}` } });
    expect((await read(newcomer.json<{ token: string }>().token)).statusCode).toBe(403);
    // An invite made for the officer (their second laptop): only that name joins with it, and it reads the incident.
    // A name an invite waits for is kept for it: an ordinary invite cannot claim it first.
    await createInvite(db, team.workspace, { role: 'member', maxUses: 1, expiresInHours: 1, person: 'Quinn Arriving' });
    const claim = await joinAs(await anyInvite(), 'quinn arriving');
    expect(claim.statusCode).toBe(409);
    expect(claim.json<{ message: string }>().message).toMatch(/an invite is waiting for quinn arriving/);
    const forSam = (await createInvite(db, team.workspace, { role: 'member', maxUses: 2, expiresInHours: 1, person: 'Sam Officer' })).inviteCode;
    expect((await joinAs(forSam, 'Riley Newcomer')).json()).toMatchObject({ error: 'name_taken' });
    const second = await join(app, forSam, 'Sam Officer');
    const readBySam = await read(second.token);
    expect(readBySam.statusCode).toBe(200);
    expect(readBySam.body).toContain('Payroll export found on a paste site');
  });

  it('a console that may not see a restricted incident cannot write into it by dating its events back, nor ask the server to send for it', async () => {
    const x = randomUUID();
    tick(); pat.record(x, 'incident.opened', opened('Stolen signing key', true));
    await pat.sync();
    await nico.sync();
    expect(nico.store.hidden.has(x)).toBe(true);
    const app = bench.servers[1 % bench.servers.length]!.app;
    const actor = { name: 'Nico Outsider', deviceId: nico.member.deviceId };
    const anHourAgo = () => bench.clock.now - 3_600_000;
    const backdated = createEvent({ clock: new HybridClock(nico.member.deviceId, anHourAgo), actor, now: anHourAgo }, x, 'entry.added', { kind: 'decision', text: 'written by an outsider' }) as IncidentEvent;
    const res = await push(app, nico.member, [backdated]);
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ error: 'restricted_incident', index: 0 });
    expect(res.json<{ message: string }>().message).toMatch(/dated before the incident was declared/);
    // An open incident later restricted: what Nico logged while it was open is kept, but a send asked for it is not.
    const y = randomUUID();
    tick(); pat.record(y, 'incident.opened', opened('Odd admin logins', false));
    await pat.sync();
    await nico.sync();
    tick();
    const whileOpen = () => bench.clock.now;
    const clock = new HybridClock(nico.member.deviceId, whileOpen);
    const note = createEvent({ clock, actor, now: whileOpen }, y, 'entry.added', { kind: 'note', text: 'Nico: logged while it was open' }) as IncidentEvent;
    const page = createEvent({ clock, actor, now: whileOpen }, y, 'page.requested', { roleId: 'on-call-engineer', person: 'Grace' }) as IncidentEvent;
    tick(); pat.record(y, 'visibility.changed', { to: 'restricted', reason: 'an admin account may be compromised' });
    await pat.sync();
    const refused = await push(app, nico.member, [note, page]);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ error: 'restricted_incident', index: 1, path: 'type' });
    expect(await serverIdsOf(bench, team, y)).not.toContain(note.id); // nothing half-applied
    expect((await push(app, nico.member, [note])).statusCode).toBe(200);
    expect(await serverIdsOf(bench, team, y)).toContain(note.id);
  });

  it('an entry written while it could see it is not lost when the push of the round the restriction arrives in is rate limited', async () => {
    const y = randomUUID();
    tick(); pat.record(y, 'incident.opened', opened('Suspicious OAuth grants', false));
    await pat.sync();
    await nico.sync();
    tick(); nico.record(y, 'entry.added', { kind: 'note', text: 'Nico: revoked the grants for app 4411' });
    const written = nico.store.pendingIds();
    expect(written).toHaveLength(1);
    const droppedBefore = nico.store.dropped.length;
    tick(); pat.record(y, 'visibility.changed', { to: 'restricted', reason: 'tokens of customers involved' });
    await pat.sync();
    nico.refusePushes = 1;
    expect(await nico.sync()).toBe(false); // the push was refused (429): the restriction is not purged this round
    expect(nico.store.pendingIds()).toEqual(written);
    expect(nico.store.dropped.length).toBe(droppedBefore);
    expect(await nico.sync()).toBe(true); // the push goes through (the server keeps it), then the purge
    expect(await serverIdsOf(bench, team, y)).toEqual(expect.arrayContaining(written));
    expect(idsOf(nico, y)).toEqual([]);
    expect(nico.store.hidden.has(y)).toBe(true);
  });

  it('after a long offline spell, a push refused on reconnect (429) still holds the purge back: the entry written while it could see it reaches the server', async () => {
    const y = randomUUID();
    tick(); pat.record(y, 'incident.opened', opened('Payment tokens in logs', false));
    await pat.sync();
    await nico.sync();
    nico.offline = true;
    tick(); nico.record(y, 'entry.added', { kind: 'note', text: 'Nico (offline): purged the log bucket' });
    const written = nico.store.pendingIds();
    for (let round = 0; round < 5; round++) expect(await nico.sync()).toBe(false);
    tick(); pat.record(y, 'visibility.changed', { to: 'restricted', reason: 'card data involved' });
    await pat.sync();
    nico.offline = false;
    nico.refusePushes = 1;
    expect(await nico.sync()).toBe(false);
    expect(nico.store.pendingIds()).toEqual(written);
    expect(await nico.sync()).toBe(true);
    expect(await serverIdsOf(bench, team, y)).toEqual(expect.arrayContaining(written));
    expect(idsOf(nico, y)).toEqual([]);
  });

  it('only the incident commander or a security officer opens a restricted incident to everyone (anyone may while nobody commands it)', async () => {
    const x = randomUUID();
    tick(); pat.record(x, 'incident.opened', opened('Leaked API keys in a public repo', true));
    tick(); pat.record(x, 'participant.invited', { person: 'Nico Outsider' });
    await pat.sync();
    await nico.sync();
    // Nobody commands it yet: a participant may open it (and restrict it again).
    tick(); nico.record(x, 'visibility.changed', { to: 'open', reason: 'keys rotated, nothing customer-facing' });
    expect(await nico.sync()).toBe(true);
    tick(); nico.record(x, 'visibility.changed', { to: 'restricted', reason: 'one key was a customer export key' });
    expect(await nico.sync()).toBe(true);
    tick(); pat.record(x, 'role.assigned', { roleId: 'incident-commander', person: 'Pat Participant' });
    await pat.sync();
    await nico.sync();
    // Now only Pat (the commander) or Sam (the security officer): Nico's is refused, naming who may.
    const app = bench.servers[1 % bench.servers.length]!.app;
    const clock = new HybridClock(nico.member.deviceId, bench.clock.read);
    tick();
    const byNico = createEvent({ clock, actor: { name: 'Nico Outsider', deviceId: nico.member.deviceId }, now: bench.clock.read }, x, 'visibility.changed', { to: 'open', reason: 'I think it is fine' }) as IncidentEvent;
    const refused = await push(app, nico.member, [byNico]);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ error: 'command_required', index: 0, path: 'payload.to' });
    expect(refused.json<{ message: string }>().message).toMatch(/only the incident commander \(Pat Participant\) or a security officer/);
    // Nor by taking command first: relieving the commander, or assigning the role to oneself, is refused the same way.
    const make = (type: 'role.relieved' | 'role.assigned', payload: object) => { tick(); return createEvent({ clock, actor: { name: 'Nico Outsider', deviceId: nico.member.deviceId }, now: bench.clock.read }, x, type, payload as never) as IncidentEvent; };
    const relieve = await push(app, nico.member, [make('role.relieved', { roleId: 'incident-commander' }), byNico]);
    expect(relieve.json()).toMatchObject({ error: 'command_required', index: 0, path: 'payload.roleId' });
    const take = await push(app, nico.member, [make('role.assigned', { roleId: 'incident-commander', person: 'Nico Outsider' }), byNico]);
    expect(take.json()).toMatchObject({ error: 'command_required', index: 0, path: 'payload.roleId' });
    // Through the console's engine: the refused open is held and shown, and never offered again on its own (it would go
    // through unseen once Nico came to command): only when the person asks.
    tick(); nico.record(x, 'visibility.changed', { to: 'open', reason: 'offline, I saw nobody in command' });
    for (let round = 0; round < 12; round++) await nico.sync();
    expect(nico.engine.getStatus()).toMatchObject({ held: 1, heldReason: { code: 'command_required' } });
    expect((await serverEvents(bench, team.workspace)).filter((e) => e.incidentId === x && e.type === 'visibility.changed')).toHaveLength(2);
    // Pat hands command over; Nico accepts on his own console (the acceptance and the role in one push), then opens it.
    const handoverId = randomUUID();
    tick(); pat.record(x, 'command.handover-offered', { handoverId, from: 'Pat Participant', to: 'Nico Outsider', briefing: 'Keys rotated; one export key left.' });
    expect(await pat.sync()).toBe(true);
    expect(pat.engine.getStatus().held, JSON.stringify(pat.engine.getStatus().heldReason)).toBe(0);
    await nico.sync();
    const accept = await push(app, nico.member, [make('command.handover-accepted' as 'role.assigned', { handoverId, to: 'Nico Outsider' }), make('role.assigned', { roleId: 'incident-commander', person: 'Nico Outsider' })]);
    expect(accept.statusCode, accept.body).toBe(200);
    expect(await nico.engine.retryHeld()).toBe(true);
    expect(nico.engine.getStatus().held).toBe(0);
    expect((await serverEvents(bench, team.workspace)).filter((e) => e.incidentId === x && e.type === 'visibility.changed')).toHaveLength(3);
    tick(); nico.record(x, 'visibility.changed', { to: 'restricted', reason: 'restricted again for the officer to decide' });
    expect(await nico.sync()).toBe(true);
    await sam.sync();
    tick(); sam.record(x, 'visibility.changed', { to: 'open', reason: 'legal cleared it' });
    expect(await sam.sync()).toBe(true);
    expect((await serverEvents(bench, team.workspace)).filter((e) => e.incidentId === x && e.type === 'visibility.changed')).toHaveLength(5);
  });
});
