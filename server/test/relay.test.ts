// Authorship through relays: a device that registered its key signs what it pushes; a relayed copy is stored only
// when its signer's signature verifies, only when the server lacks it, and never changes what the server holds. A
// relay never becomes writing in someone else's name.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { IncidentEvent } from '@shared/incident/events';
import { generateSigningKey, signEvent, type SigningKey } from '@shared/sync/signature';
import { SERVER_ACTOR } from '@shared/sync/server-actor';
import { appendServerEvents } from '../src/store/server-events';
import { createWorkspace } from '../src/store/workspaces';
import { auth, eventMaker, inviteMember, openTeamServer, pull, push, type Member, type TeamServer } from './harness';

let team: TeamServer;
let app: FastifyInstance;
let adminKey: SigningKey;
let memberKey: SigningKey;
const incident = randomUUID();

const registerKey = (m: Member, publicKey: string) =>
  app.inject({ method: 'POST', url: '/api/v1/sync/key', headers: auth(m), payload: { workspace: m.workspace, publicKey } });
const relay = (m: Member, events: unknown[]) =>
  app.inject({ method: 'POST', url: '/api/v1/sync/relay', headers: auth(m), payload: { workspace: m.workspace, events } });
const relayedBy = (m: Member, e: IncidentEvent): IncidentEvent => ({ ...e, relayed: { by: { deviceId: m.deviceId, name: 'Relay' }, at: new Date().toISOString() } });

/** The same event with other words: what a tampered or rewritten copy looks like. */
const withText = (e: IncidentEvent, text: string): IncidentEvent => ({ ...e, payload: { ...e.payload, text } }) as IncidentEvent;

async function stored(id: string): Promise<IncidentEvent | undefined> {
  const page = (await pull(app, team.admin, 0, 1000)).json<{ events: IncidentEvent[] }>();
  return page.events.find((e) => e.id === id);
}

beforeAll(async () => {
  team = await openTeamServer('pglite', 'scribe-laptop');
  app = team.server.app;
  adminKey = await generateSigningKey();
  memberKey = await generateSigningKey();
  expect((await registerKey(team.admin, adminKey.publicKey)).statusCode).toBe(200);
  expect((await registerKey(team.member, memberKey.publicKey)).statusCode).toBe(200);
}, 120_000);
afterAll(() => team?.close());

describe('signed pushes', () => {
  it('once a device registered its key, its pushes must be signed by that key; another key is a conflict', async () => {
    const make = eventMaker(team.member.deviceId);
    const unsigned = make(incident, 'unsigned');
    const res = await push(app, team.member, [unsigned]);
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ error: 'signature_required', index: 0, path: 'sig' });
    const forged = await signEvent(adminKey.privateKey, make(incident, 'signed by someone else'));
    expect((await push(app, team.member, [forged])).json()).toMatchObject({ error: 'signature_invalid', index: 0 });
    const signed = await signEvent(memberKey.privateKey, make(incident, 'signed by the scribe'));
    expect((await push(app, team.member, [signed])).statusCode).toBe(200);
    expect((await stored(signed.id))?.sig).toBe(signed.sig);

    expect((await registerKey(team.member, memberKey.publicKey)).statusCode).toBe(200); // the same key again: fine
    const other = await registerKey(team.member, (await generateSigningKey()).publicKey);
    expect(other.statusCode).toBe(409);
    expect(other.json()).toMatchObject({ error: 'key_conflict' });
  });

  it('a push carrying a relay mark is refused: relayed copies go where their signatures are checked', async () => {
    const e = await signEvent(memberKey.privateKey, eventMaker(team.member.deviceId)(incident, 'marked'));
    const res = await push(app, team.member, [relayedBy(team.member, e)]);
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ error: 'actor_mismatch', path: 'relayed' });
  });
});

describe('relayed copies', () => {
  it('stores a copy its author signed, keeping the author and naming the relaying device', async () => {
    const e = await signEvent(adminKey.privateKey, eventMaker(team.admin.deviceId)(incident, 'the commander wrote this'));
    const res = await relay(team.member, [relayedBy(team.member, e)]);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ acked: [e.id], refused: [], epoch: expect.any(String) });
    expect(await stored(e.id)).toMatchObject({ actor: { deviceId: team.admin.deviceId }, relayed: { by: { deviceId: team.member.deviceId } }, sig: e.sig });
  });

  it('refuses an altered copy, an unsigned one, one whose signer has no key here, one naming another relayer, and a forged server event; stores the rest', async () => {
    const makeAdmin = eventMaker(team.admin.deviceId);
    const good = await signEvent(adminKey.privateKey, makeAdmin(incident, 'fine'));
    const signed = await signEvent(adminKey.privateKey, makeAdmin(incident, 'the commander said yes'));
    const altered = withText(signed, 'the commander said no');
    const unsigned = makeAdmin(incident, 'before signing existed');
    const keyless = await inviteMember(app, team.admin, 'old-laptop'); // joined without a key
    const byKeyless = await signEvent(memberKey.privateKey, eventMaker(keyless.deviceId)(incident, 'from a device without a key'));
    const otherRelayer = relayedBy(team.admin, await signEvent(adminKey.privateKey, makeAdmin(incident, 'relayed by someone else')));
    const fakeServer = await signEvent(memberKey.privateKey, { ...makeAdmin(incident, 'the server says so'), actor: { ...SERVER_ACTOR } });
    const res = await relay(team.member, [relayedBy(team.member, good), relayedBy(team.member, altered), relayedBy(team.member, unsigned),
      relayedBy(team.member, byKeyless), otherRelayer, relayedBy(team.member, fakeServer)]);
    expect(res.statusCode).toBe(200);
    const body = res.json<{ acked: string[]; refused: Array<{ index: number; error: string }> }>();
    expect(body.acked).toEqual([good.id]);
    expect(body.refused.map((r) => [r.index, r.error])).toEqual([
      [1, 'signature_invalid'], [2, 'signature_required'], [3, 'unknown_signer'], [4, 'actor_mismatch'], [5, 'signature_invalid'],
    ]);
    for (const e of [altered, unsigned, byKeyless, otherRelayer, fakeServer]) expect(await stored(e.id)).toBeUndefined();
  });

  it("refuses the server's own event carried in from another workspace of the same server (its signature names the workspace)", async () => {
    const other = await createWorkspace(team.backend.store.db, 'Other team');
    const { events: [alert] } = await appendServerEvents(team.server.ctx, other, [{ incidentId: incident, type: 'entry.added', payload: { kind: 'note', text: 'written by the server in the other workspace' } }]);
    const res = await relay(team.member, [relayedBy(team.member, alert as IncidentEvent)]);
    expect(res.json()).toMatchObject({ acked: [], refused: [{ index: 0, error: 'signature_invalid', message: expect.stringContaining('written in another workspace') }] });
    expect(await stored((alert as IncidentEvent).id)).toBeUndefined();
  });

  it('never changes an event the server holds: a differing copy (even one its author signed) is acknowledged and left out', async () => {
    const original = await signEvent(adminKey.privateKey, eventMaker(team.admin.deviceId)(incident, 'original wording'));
    expect((await push(app, team.admin, [original])).statusCode).toBe(200);
    const rewritten = await signEvent(adminKey.privateKey, withText(original, 'rewritten later'));
    const res = await relay(team.member, [relayedBy(team.member, rewritten)]);
    expect(res.json()).toMatchObject({ acked: [original.id], refused: [] });
    expect((await stored(original.id))?.payload).toMatchObject({ text: 'original wording' });
    expect((await stored(original.id))?.relayed).toBeUndefined();
  });
});

describe('recovery mode (RELAY_UNVERIFIED=admins)', () => {
  let recovery: TeamServer;
  beforeAll(async () => { recovery = await openTeamServer('pglite', 'member-laptop', { relayUnverified: 'admins' }); }, 120_000);
  afterAll(() => recovery?.close());

  it('an admin may relay events that cannot be checked, marked as relayed by that admin; a member may not; a failing signature never passes', async () => {
    const r = (m: Member, events: unknown[]) => recovery.server.app.inject({ method: 'POST', url: '/api/v1/sync/relay', headers: auth(m), payload: { workspace: m.workspace, events } });
    const legacy = eventMaker(recovery.member.deviceId)(incident, 'written before signing');
    const byMember = await r(recovery.member, [relayedBy(recovery.member, eventMaker(recovery.admin.deviceId)(incident, 'unsigned too'))]);
    expect(byMember.json()).toMatchObject({ acked: [], refused: [{ error: 'signature_required' }] });
    const byAdmin = await r(recovery.admin, [relayedBy(recovery.admin, legacy)]);
    expect(byAdmin.json()).toMatchObject({ acked: [legacy.id], refused: [] });
    const key = await generateSigningKey();
    await recovery.server.app.inject({ method: 'POST', url: '/api/v1/sync/key', headers: auth(recovery.member), payload: { workspace: recovery.member.workspace, publicKey: key.publicKey } });
    const signed = await signEvent(key.privateKey, eventMaker(recovery.member.deviceId)(incident, 'signed'));
    const tampered = withText(signed, 'tampered');
    expect((await r(recovery.admin, [relayedBy(recovery.admin, tampered)])).json()).toMatchObject({ acked: [], refused: [{ error: 'signature_invalid' }] });
  });
});
