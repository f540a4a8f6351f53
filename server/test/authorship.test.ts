// An event speaks only for the device that pushed it; imports are marked; the server writes in its own name;
// an id never changes content. On PGlite and PostgreSQL.
import { afterAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { createEvent } from '@shared/incident/create';
import type { IncidentEvent } from '@shared/incident/events';
import { HybridClock } from '@shared/hlc/hlc';
import { SERVER_ACTOR } from '@shared/sync/server-actor';
import { appendServerEvents } from '../src/store/server-events';
import { BACKENDS, eventMaker, join, openTeamServer, pull, push, stopCluster, type Member } from './harness';
import { perFile } from './per-file';
import { createInvite } from '../src/store/workspaces';

afterAll(() => stopCluster());

const note = (actor: { name: string; deviceId: string }, node: string, text = 'a note') =>
  createEvent({ clock: new HybridClock(node), actor }, randomUUID(), 'entry.added', { kind: 'note', text }) as IncidentEvent;

describe.each(BACKENDS)('authorship on %s', (kind) => {
  const host = perFile(() => openTeamServer(kind, 'member-laptop', { joinRateLimitPerMinute: 1_000 }));

  const stored = async (id: string) => (await host.backend.store.db.selectFrom('events').select('id').where('id', '=', id).execute()).length;

  it("refuses an event in another device's name (actor or clock node) with 403 actor_mismatch and its index", async () => {
    const own = eventMaker(host.member.deviceId)(randomUUID());
    const asAdmin = note({ name: 'Commander', deviceId: host.admin.deviceId }, host.admin.deviceId);
    const res = await push(host.server.app, host.member, [own, asAdmin]);
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ error: 'actor_mismatch', index: 1, path: 'actor.deviceId' });
    expect(res.json().message).toContain('events[1]');
    expect(await stored(own.id)).toBe(0); // nothing of the batch
    const nodeOfAdmin = note({ name: 'Me', deviceId: host.member.deviceId }, host.admin.deviceId);
    const byNode = await push(host.server.app, host.member, [nodeOfAdmin]);
    expect(byNode.statusCode).toBe(403);
    expect(byNode.json()).toMatchObject({ error: 'actor_mismatch', index: 0, path: 'hlc' });
    expect((await push(host.server.app, host.member, [own])).statusCode).toBe(200);
  });

  it('never lets a device push as the server, not even marked as imported', async () => {
    const forged = note({ ...SERVER_ACTOR }, host.member.deviceId);
    expect((await push(host.server.app, host.member, [forged])).json()).toMatchObject({ error: 'actor_mismatch', path: 'actor.deviceId' });
    const imported = { ...forged, imported: { by: { name: 'M', deviceId: host.member.deviceId }, at: new Date().toISOString() } };
    expect((await push(host.server.app, host.member, [imported])).json()).toMatchObject({ error: 'actor_mismatch', index: 0 });
    // Nor join under the server's id.
    const invite = await createInvite(host.backend.store.db, host.admin.workspace, { role: 'member', maxUses: 1, expiresInHours: 1 });
    const res = await host.server.app.inject({ method: 'POST', url: '/api/v1/join', payload: { inviteCode: invite.inviteCode, deviceName: 'x', displayName: 'x', deviceId: 'server' } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'invalid_request', path: 'deviceId' });
  });

  it('accepts an archive import keeping its author when the mark names the pushing device, and keeps the mark', async () => {
    const authored = note({ name: 'Commander', deviceId: host.admin.deviceId }, host.admin.deviceId, 'from the archive');
    const byOther = { ...authored, imported: { by: { name: 'Someone', deviceId: host.admin.deviceId }, at: new Date().toISOString() } };
    expect((await push(host.server.app, host.member, [byOther])).json()).toMatchObject({ error: 'actor_mismatch', path: 'imported.by.deviceId' });
    const mark = { by: { name: 'Scribe', deviceId: host.member.deviceId }, at: new Date().toISOString() };
    const res = await push(host.server.app, host.member, [{ ...authored, imported: mark }]);
    expect(res.statusCode).toBe(200);
    const page = (await pull(host.server.app, host.admin, res.json().seq - 1, 1)).json();
    expect(page.events[0]).toMatchObject({ id: authored.id, actor: { name: 'Commander', deviceId: host.admin.deviceId }, imported: mark });
    // The author pushing its own copy later (or a second importer) is the same event: acked, stored once.
    const again = await push(host.server.app, host.admin, [authored]);
    expect(again.statusCode).toBe(200);
    expect(again.json().acked).toEqual([authored.id]);
    expect(await stored(authored.id)).toBe(1);
  });

  it('adopts the id a console already writes under when it is free, never one a device has', async () => {
    const invite = await createInvite(host.backend.store.db, host.admin.workspace, { role: 'member', maxUses: 2, expiresInHours: 1 });
    const own = `web-${randomUUID().slice(0, 8)}`;
    const joinAs = (deviceId: string) => host.server.app.inject({ method: 'POST', url: '/api/v1/join', payload: { inviteCode: invite.inviteCode, deviceName: 'n', displayName: `n ${deviceId.slice(-6)}`, deviceId } });
    expect((await joinAs(own)).json().deviceId).toBe(own);
    const takeover = (await joinAs(host.admin.deviceId)).json();
    expect(takeover.deviceId).not.toBe(host.admin.deviceId);
    const asAdmin = note({ name: 'Commander', deviceId: host.admin.deviceId }, host.admin.deviceId);
    expect((await push(host.server.app, takeover as Member, [asAdmin])).json().error).toBe('actor_mismatch');
  });

  it('answers 409 id_conflict with the index for an id already stored with other content; identical re-push is acked', async () => {
    const make = eventMaker(host.admin.deviceId);
    const original = make(randomUUID(), 'the original');
    expect((await push(host.server.app, host.admin, [original])).statusCode).toBe(200);
    const fresh = make(randomUUID());
    const edited = { ...original, payload: { ...original.payload, text: 'silently edited' } };
    const res = await push(host.server.app, host.admin, [fresh, edited]);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ error: 'id_conflict', index: 1, path: 'id' });
    expect(await stored(fresh.id)).toBe(0); // nothing half-applied
    // Same content with keys in another order (jsonb reorders them) is the same event.
    const { payload, ...envelope } = original;
    const reordered = JSON.parse(JSON.stringify({ payload, ...envelope })) as IncidentEvent;
    const same = await push(host.server.app, host.admin, [reordered, fresh]);
    expect(same.statusCode).toBe(200);
    expect(same.json().acked).toEqual([original.id, fresh.id]);
    // Twice in one batch with different content is a conflict too.
    const twice = await push(host.server.app, host.admin, [fresh, { ...fresh, occurredAt: original.occurredAt }]);
    expect(twice.json()).toMatchObject({ error: 'id_conflict', index: 1 });
  });

  it('stores server-authored events through the push path: sequenced, pulled by devices, poked, idempotent by id', async () => {
    const pokes: string[] = [];
    const off = host.server.hub.add(host.admin.workspace, { send: (m) => pokes.push(m) });
    const incidentId = randomUUID();
    const id = randomUUID();
    const drafts = [{ id, incidentId, type: 'entry.added' as const, payload: { kind: 'evidence' as const, text: 'Alertmanager: HighErrorRate firing' } }];
    const first = await appendServerEvents(host.server.ctx, host.admin.workspace, drafts);
    expect(first.insertedIds).toEqual([id]);
    expect(first.events[0]?.actor).toEqual(SERVER_ACTOR);
    expect(first.events[0]?.hlc).toMatch(/-server-/);
    await host.server.hub.idle(); // pokes go through the visibility gate, one workspace at a time
    expect(pokes.map((m) => JSON.parse(m) as { seq: number }).at(-1)?.seq).toBe(first.seq);
    const retry = await appendServerEvents(host.server.ctx, host.admin.workspace, drafts);
    expect(retry.insertedIds).toEqual([]);
    expect(retry.seq).toBe(first.seq);
    const page = (await pull(host.server.app, host.member, first.seq - 1, 10)).json();
    expect(page.events).toHaveLength(1);
    expect(page.events[0]).toMatchObject({ id, actor: SERVER_ACTOR, payload: { text: 'Alertmanager: HighErrorRate firing' } });
    // A bad draft throws before anything is written.
    await expect(appendServerEvents(host.server.ctx, host.admin.workspace, [{ incidentId, type: 'entry.added', payload: { kind: 'note', text: 'bad \ud800' } }])).rejects.toThrow(/surrogate/);
    off();
  });

  it('a device that joined under the server-given id can push what it writes', async () => {
    const invite = await createInvite(host.backend.store.db, host.admin.workspace, { role: 'member', maxUses: 1, expiresInHours: 1 });
    const m = await join(host.server.app, invite.inviteCode, 'plain');
    expect((await push(host.server.app, m, [eventMaker(m.deviceId)(randomUUID())])).statusCode).toBe(200);
  });

  // Acts in a person's own name (issue #23): accepting command, offering a handover, acknowledging.
  const act = <T extends 'command.handover-accepted' | 'command.handover-offered' | 'incident.acknowledged'>(
    who: { name: string; deviceId: string }, type: T, payload: Parameters<typeof createEvent<T>>[3], incidentId = randomUUID(),
  ) => createEvent({ clock: new HybridClock(who.deviceId), actor: who }, incidentId, type, payload) as IncidentEvent;
  const handoverId = '0190a000-0000-7000-8000-0000000000b1';

  it('refuses an acceptance of command in someone else\'s name, and one by a device that joined as someone else', async () => {
    // Written on the member's laptop (joined as member-laptop) in Casey's name: what "Accept command as Casey" did.
    const own = act({ name: 'member-laptop', deviceId: host.member.deviceId }, 'command.handover-accepted', { handoverId, to: 'member-laptop' });
    const forCasey = { ...own, id: randomUUID(), payload: { handoverId, to: 'Casey' } };
    const res = await push(host.server.app, host.member, [own, forCasey]);
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ error: 'actor_mismatch', index: 1, path: 'payload.to' });
    expect(res.json().message).toContain('a handover is accepted only by the incoming commander, on their own console: it names Casey, but member-laptop is writing it');
    expect(await stored(own.id)).toBe(0); // nothing of the batch
    // The same laptop renamed "Casey": the device joined as member-laptop, so it is still not Casey's console.
    const renamed = act({ name: 'Casey', deviceId: host.member.deviceId }, 'command.handover-accepted', { handoverId, to: 'casey' });
    const asCasey = await push(host.server.app, host.member, [renamed]);
    expect(asCasey.json()).toMatchObject({ error: 'actor_mismatch', index: 0, path: 'payload.to' });
    expect(asCasey.json().message).toContain('this device joined as member-laptop');
    // The incoming commander's own console: accepted (case and spacing of the name do not count).
    const mine = act({ name: 'Member-Laptop ', deviceId: host.member.deviceId }, 'command.handover-accepted', { handoverId, to: 'member-laptop' });
    expect((await push(host.server.app, host.member, [mine])).statusCode).toBe(200);
  });

  it('refuses a handover offered or an acknowledgement recorded in someone else\'s name; the page link\'s own is the server\'s', async () => {
    const byMember = { name: 'member-laptop', deviceId: host.member.deviceId };
    const offer = act(byMember, 'command.handover-offered', { handoverId, from: 'member-laptop', to: 'Sam', briefing: 'Brief' });
    const offerForDana = { ...offer, id: randomUUID(), payload: { ...offer.payload, from: 'Dana' } };
    expect((await push(host.server.app, host.member, [offerForDana])).json()).toMatchObject({ error: 'actor_mismatch', path: 'payload.from' });
    expect((await push(host.server.app, host.member, [offer])).statusCode).toBe(200);
    const ack = act(byMember, 'incident.acknowledged', { person: 'member-laptop', roleId: 'on-call-engineer' });
    const ackForGrace = { ...ack, id: randomUUID(), payload: { ...ack.payload, person: 'Grace' } };
    const refused = await push(host.server.app, host.member, [ackForGrace]);
    expect(refused.json()).toMatchObject({ error: 'actor_mismatch', path: 'payload.person' });
    expect(refused.json().message).toContain('a responder acknowledges only for themselves, on their own console');
    expect((await push(host.server.app, host.member, [ack])).statusCode).toBe(200);
  });
});
