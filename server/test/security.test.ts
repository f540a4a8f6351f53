// Access control: missing, malformed, revoked and foreign tokens, forged workspace ids, admin-only routes,
// invite reuse, hashed secrets; and no response to one workspace ever carries another workspace's data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, InjectOptions } from 'fastify';
import type { IncidentEvent } from '@shared/incident/events';
import { createSyncServer, type SyncServer } from '../src/app';
import { createInvite, createWorkspace } from '../src/store/workspaces';
import { BACKENDS, auth, eventMaker, inviteMember, join, newWorkspace, openBackend, stopCluster, type Backend, type Member } from './harness';

afterAll(() => stopCluster());

describe.each(BACKENDS)('security on %s', (kind) => {
  let backend: Backend;
  let server: SyncServer;
  let app: FastifyInstance;
  let adminA: Member;
  let memberA: Member;
  let adminB: Member;
  let memberB: Member;
  let eventsB: IncidentEvent[];
  /** Every body answered to a workspace-A caller (or to no caller), to check for leaks from B. */
  const seenByA: string[] = [];

  const asA = async (opts: InjectOptions) => {
    const res = await app.inject(opts);
    seenByA.push(res.body);
    return res;
  };

  beforeAll(async () => {
    backend = await openBackend(kind);
    server = await createSyncServer({ store: backend.store, rateLimitPerMinute: 1_000_000, joinRateLimitPerMinute: 1_000 });
    app = server.app;
    ({ admin: adminA } = await newWorkspace(server, backend.store, 'A'));
    memberA = await inviteMember(app, adminA, 'a-member');
    const wsB = await createWorkspace(backend.store.db, 'B');
    adminB = await join(app, (await createInvite(backend.store.db, wsB, { role: 'admin', maxUses: 1, expiresInHours: 1 })).inviteCode, 'b-admin');
    memberB = await inviteMember(app, adminB, 'b-member');
    const makeB = eventMaker(adminB.deviceId);
    const incidentB = randomUUID();
    eventsB = [makeB(incidentB, 'secret of B'), makeB(incidentB, 'another secret of B')];
    expect((await app.inject({ method: 'POST', url: '/api/v1/sync/push', headers: auth(adminB), payload: { workspace: adminB.workspace, events: eventsB } })).statusCode).toBe(200);
    const makeA = eventMaker(adminA.deviceId);
    await asA({ method: 'POST', url: '/api/v1/sync/push', headers: auth(adminA), payload: { workspace: adminA.workspace, events: [makeA(randomUUID())] } });
  }, 180_000);
  afterAll(async () => {
    await server?.close();
    await backend?.dispose();
  });

  const pullUrl = (workspace: string) => `/api/v1/sync/pull?workspace=${workspace}&after=0&limit=1000`;

  it('refuses requests without a token or with a malformed one', async () => {
    for (const headers of [{}, { authorization: 'Basic abc' }, { authorization: 'Bearer' }, { authorization: `Bearer ${'x'.repeat(300)}` }, { authorization: 'Bearer ict_not-a-real-token' }]) {
      const pullRes = await asA({ method: 'GET', url: pullUrl(adminA.workspace), headers });
      expect(pullRes.statusCode).toBe(401);
      expect(pullRes.json().error).toBe('unauthorized');
      const pushRes = await asA({ method: 'POST', url: '/api/v1/sync/push', headers, payload: { workspace: adminA.workspace, events: [] } });
      expect(pushRes.statusCode).toBe(401);
      expect((await asA({ method: 'GET', url: '/api/v1/devices', headers })).statusCode).toBe(401);
      expect((await asA({ method: 'POST', url: '/api/v1/invites', headers, payload: {} })).statusCode).toBe(401);
    }
  });

  it("refuses another workspace's token and forged workspace ids, and stores nothing", async () => {
    const make = eventMaker(memberA.deviceId);
    const forged = make(randomUUID(), 'planted');
    for (const workspace of [adminB.workspace, randomUUID()]) {
      const pullRes = await asA({ method: 'GET', url: pullUrl(workspace), headers: auth(memberA) });
      expect(pullRes.statusCode).toBe(403);
      expect(pullRes.json().error).toBe('forbidden_workspace');
      const pushRes = await asA({ method: 'POST', url: '/api/v1/sync/push', headers: auth(memberA), payload: { workspace, events: [forged] } });
      expect(pushRes.statusCode).toBe(403);
    }
    const stored = await backend.store.db.selectFrom('events').select('id').where('id', '=', forged.id).execute();
    expect(stored).toEqual([]);
    // B's own view is untouched.
    const bView = (await app.inject({ method: 'GET', url: pullUrl(adminB.workspace), headers: auth(memberB) })).json();
    expect(bView.events.map((e: { id: string }) => e.id).sort()).toEqual(eventsB.map((e) => e.id).sort());
  });

  it('keeps admin routes to admins and scopes them to their workspace', async () => {
    for (const req of [
      { method: 'GET' as const, url: '/api/v1/devices' },
      { method: 'POST' as const, url: '/api/v1/invites', payload: {} },
      { method: 'POST' as const, url: `/api/v1/devices/${adminA.deviceId}/revoke` },
    ]) {
      const res = await asA({ ...req, headers: auth(memberA) });
      expect(res.statusCode).toBe(403);
      expect(res.json().error).toBe('admin_required');
    }
    const devices = (await asA({ method: 'GET', url: '/api/v1/devices', headers: auth(adminA) })).json().devices as Array<{ id: string }>;
    expect(devices.map((d) => d.id).sort()).toEqual([adminA.deviceId, memberA.deviceId].sort());
    // Revoking B's device from A is "not found", and B keeps working.
    const cross = await asA({ method: 'POST', url: `/api/v1/devices/${memberB.deviceId}/revoke`, headers: auth(adminA) });
    expect(cross.statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: pullUrl(memberB.workspace), headers: auth(memberB) })).statusCode).toBe(200);
  });

  it('refuses a revoked device from then on', async () => {
    const victim = await inviteMember(app, adminA, 'lost-laptop');
    expect((await asA({ method: 'GET', url: pullUrl(victim.workspace), headers: auth(victim) })).statusCode).toBe(200);
    const revoke = await asA({ method: 'POST', url: `/api/v1/devices/${victim.deviceId}/revoke`, headers: auth(adminA) });
    expect(revoke.statusCode).toBe(200);
    const after = await asA({ method: 'GET', url: pullUrl(victim.workspace), headers: auth(victim) });
    expect(after.statusCode).toBe(401);
    expect(after.json().error).toBe('unauthorized');
    const listed = (await asA({ method: 'GET', url: '/api/v1/devices', headers: auth(adminA) })).json().devices as Array<{ id: string; revokedAt: string | null }>;
    expect(listed.find((d) => d.id === victim.deviceId)?.revokedAt).toEqual(expect.any(String));
  });

  it('refuses the push of a device revoked elsewhere while this instance still has its token cached, storing nothing', async () => {
    const victim = await inviteMember(app, adminA, 'stolen-laptop');
    const make = eventMaker(victim.deviceId);
    const incident = randomUUID();
    const push = (events: IncidentEvent[]) => asA({ method: 'POST', url: '/api/v1/sync/push', headers: auth(victim), payload: { workspace: victim.workspace, events } });
    expect((await push([make(incident, 'before the theft')])).statusCode).toBe(200); // the token is now cached for pushes
    // Another instance revokes it: this instance hears nothing (no NOTIFY on PGlite, none yet on PostgreSQL).
    await backend.store.db.updateTable('devices').set({ revoked_at: new Date() }).where('id', '=', victim.deviceId).execute();
    const late = make(incident, 'after the theft');
    const refused = await push([late]);
    expect(refused.statusCode).toBe(401);
    expect(refused.json().error).toBe('unauthorized');
    expect(await backend.store.db.selectFrom('events').select('id').where('id', '=', late.id).execute()).toEqual([]);
    // And from then on, also for reads (never cached).
    expect((await asA({ method: 'GET', url: pullUrl(victim.workspace), headers: auth(victim) })).statusCode).toBe(401);
  });

  it('honours an invite once, refuses expired and unknown codes', async () => {
    const invite = await createInvite(backend.store.db, adminA.workspace, { role: 'member', maxUses: 1, expiresInHours: 1 });
    await join(app, invite.inviteCode.toLowerCase(), 'first');
    for (const code of [invite.inviteCode, 'AAAAA-BBBBB-CCCCC-DDDDD']) {
      const res = await asA({ method: 'POST', url: '/api/v1/join', payload: { inviteCode: code, deviceName: 'x', displayName: 'x' } });
      expect(res.statusCode).toBe(403);
      expect(res.json().error).toBe('invalid_invite');
    }
    const expired = await createInvite(backend.store.db, adminA.workspace, { role: 'member', maxUses: 5, expiresInHours: -1 });
    expect((await asA({ method: 'POST', url: '/api/v1/join', payload: { inviteCode: expired.inviteCode, deviceName: 'x', displayName: 'x' } })).statusCode).toBe(403);
  });

  it('stores tokens and invite codes only as hashes', async () => {
    const invite = await createInvite(backend.store.db, adminA.workspace, { role: 'member', maxUses: 1, expiresInHours: 1 });
    const m = await join(app, invite.inviteCode, 'hash-check');
    const dump = JSON.stringify([
      await backend.store.db.selectFrom('devices').selectAll().execute(),
      await backend.store.db.selectFrom('invites').selectAll().execute(),
    ]);
    expect(dump).not.toContain(m.token);
    expect(dump).not.toContain(invite.inviteCode);
    expect(dump).not.toContain(invite.inviteCode.replace(/-/g, ''));
  });

  it("never answers workspace A with any of workspace B's data", () => {
    expect(seenByA.length).toBeGreaterThan(20);
    const secrets = [adminB.workspace, adminB.deviceId, memberB.deviceId, adminB.token, memberB.token,
      ...eventsB.flatMap((e) => [e.id, e.incidentId]), 'secret of B'];
    for (const body of seenByA) for (const s of secrets) expect(body).not.toContain(s);
  });
});

describe('join rate limit', () => {
  let backend: Backend;
  let server: SyncServer;
  beforeAll(async () => {
    backend = await openBackend('postgres');
    server = await createSyncServer({ store: backend.store, joinRateLimitPerMinute: 3 });
  }, 180_000);
  afterAll(async () => {
    await server?.close();
    await backend?.dispose();
  });

  it('slows down invite guessing with 429 rate_limited', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await server.app.inject({ method: 'POST', url: '/api/v1/join', payload: { inviteCode: `GUESS-${i}-XXXXXXXX`, deviceName: 'x', displayName: 'x' } });
      codes.push(res.statusCode);
      if (res.statusCode === 429) expect(res.json().error).toBe('rate_limited');
    }
    expect(codes).toEqual([403, 403, 403, 429, 429]);
  });

  it('does not give a made-up bearer header a fresh join bucket', async () => {
    const own = await createSyncServer({ store: backend.store, joinRateLimitPerMinute: 3 });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) {
        const res = await own.app.inject({ method: 'POST', url: '/api/v1/join', headers: { authorization: `Bearer ict_${randomUUID()}` },
          payload: { inviteCode: `GUESS-${i}-XXXXXXXX`, deviceName: 'x', displayName: 'x' } });
        codes.push(res.statusCode);
      }
      expect(codes).toEqual([403, 403, 403, 429, 429]);
    } finally {
      await own.close();
    }
  });

  it('counts unverified tokens against the IP; a verified device has its own bucket', async () => {
    const own = await createSyncServer({ store: backend.store, rateLimitPerMinute: 3, joinRateLimitPerMinute: 100 });
    try {
      const { admin } = await newWorkspace(own, backend.store, 'limits');
      const url = `/api/v1/sync/pull?workspace=${admin.workspace}&after=0&limit=10`;
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) {
        codes.push((await own.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ict_${randomUUID()}` } })).statusCode);
      }
      expect(codes).toEqual([401, 401, 401, 429, 429]);
      // The IP is exhausted, yet the real device (same IP) still gets its own allowance.
      expect((await own.app.inject({ method: 'GET', url, headers: auth(admin) })).statusCode).toBe(200);
    } finally {
      await own.close();
    }
  });
});
