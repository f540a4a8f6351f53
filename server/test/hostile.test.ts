// The hostile requests an outside review found answered 500, each pinned: lone surrogates, deep nesting, NUL in
// join names and revoke ids, and a large body before authentication. On PGlite and PostgreSQL.
import { afterAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { createInvite } from '../src/store/workspaces';
import { auth, BACKENDS, eventMaker, listen, openTeamServer, push, stopCluster } from './harness';
import { perFile } from './per-file';

afterAll(() => stopCluster());

describe.each(BACKENDS)('hostile requests on %s', (kind) => {
  const host = perFile(async () => {
    const team = await openTeamServer(kind, 'member', { joinRateLimitPerMinute: 1_000 });
    return { ...team, baseUrl: await listen(team.server) };
  });

  const count = async (id: string) => (await host.backend.store.db.selectFrom('events').select('id').where('id', '=', id).execute()).length;
  const rawPush = (body: string, headers: Record<string, string> = auth(host.admin)) =>
    host.server.app.inject({ method: 'POST', url: '/api/v1/sync/push', headers: { ...headers, 'content-type': 'application/json' }, payload: body });

  it('a lone UTF-16 surrogate in any string of a pushed event is 400 invalid_event with index and path', async () => {
    const make = eventMaker(host.admin.deviceId);
    const good = make(randomUUID());
    // JSON.stringify writes a lone surrogate as the escape \ud800, exactly what a client sends.
    const inText = { ...make(randomUUID()), payload: { kind: 'note', text: 'broken \ud800 surrogate' } };
    const res = await push(host.server.app, host.admin, [good, inText]);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'invalid_event', index: 1, path: 'payload.text' });
    expect(res.json().message).toMatch(/surrogate/);
    const inHlc = { ...make(randomUUID()), hlc: `${good.hlc}\udc00` };
    expect((await push(host.server.app, host.admin, [inHlc])).json()).toMatchObject({ error: 'invalid_event', index: 0, path: 'hlc' });
    expect(await count(good.id)).toBe(0);
  });

  it('nesting 20,000 and 200,000 levels deep is a 4xx on every body, not a stack overflow', async () => {
    for (const depth of [20_000, 200_000]) {
      const nested = `${'['.repeat(depth)}${'{"a":'.repeat(0)}${']'.repeat(depth)}`;
      const res = await rawPush(`{"workspace":"${host.admin.workspace}","events":[{"id":${nested}}]}`);
      expect(res.statusCode, `push ${depth}`).toBe(400);
      expect(res.json()).toMatchObject({ error: 'invalid_event', index: 0 });
      expect(res.json().message).toMatch(/nested too deeply/);
      const objects = `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
      expect((await rawPush(`{"workspace":"${host.admin.workspace}","events":[${objects}]}`)).statusCode).toBe(400);
      const invite = await host.server.app.inject({ method: 'POST', url: '/api/v1/invites', headers: { ...auth(host.admin), 'content-type': 'application/json' }, payload: `{"role":${nested}}` });
      expect([400, 413], `invites ${depth}`).toContain(invite.statusCode);
    }
  });

  it('a NUL byte in deviceName or displayName on /join with a valid invite is 400 naming the field, and uses nothing up', async () => {
    const invite = await createInvite(host.backend.store.db, host.admin.workspace, { role: 'member', maxUses: 1, expiresInHours: 1 });
    for (const [field, body] of [
      ['deviceName', { inviteCode: invite.inviteCode, deviceName: 'lap\u0000top', displayName: 'Ann' }],
      ['displayName', { inviteCode: invite.inviteCode, deviceName: 'laptop', displayName: 'A\u0000nn' }],
      ['displayName', { inviteCode: invite.inviteCode, deviceName: 'laptop', displayName: 'Ann \ud800' }],
    ] as const) {
      const res = await host.server.app.inject({ method: 'POST', url: '/api/v1/join', payload: body });
      expect(res.statusCode, field).toBe(400);
      expect(res.json()).toMatchObject({ error: 'invalid_request', path: field });
    }
    const ok = await host.server.app.inject({ method: 'POST', url: '/api/v1/join', payload: { inviteCode: invite.inviteCode, deviceName: 'laptop', displayName: 'Ann' } });
    expect(ok.statusCode).toBe(200);
  });

  it('a NUL byte (or any non-id) in the device id of POST /devices/:id/revoke is 400, and revokes nothing', async () => {
    for (const id of ['%00', 'a%00b', '%ED%A0%80']) {
      const res = await host.server.app.inject({ method: 'POST', url: `/api/v1/devices/${id}/revoke`, headers: auth(host.admin) });
      expect(res.statusCode, id).toBe(400);
      expect(res.json().error).toBe('invalid_request');
    }
    expect((await host.server.app.inject({ method: 'GET', url: '/api/v1/devices', headers: auth(host.admin) })).json().devices.every((d: { revokedAt: string | null }) => d.revokedAt === null)).toBe(true);
  });

  it('reads no large body before authentication: a 10 MB push without a valid token is 401 unparsed', async () => {
    // Invalid JSON: a parsed body would be 400 malformed_json; 401 shows the body was never parsed.
    const body = `{"workspace":"${host.admin.workspace}","events":[${'"x",'.repeat(2_500_000)}`;
    expect(body.length).toBeGreaterThan(10_000_000);
    const timed = async (headers: Record<string, string>) => {
      const t0 = performance.now();
      const res = await fetch(`${host.baseUrl}/api/v1/sync/push`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
      const answer = (await res.json()) as { error: string };
      return { status: res.status, error: answer.error, ms: Math.round(performance.now() - t0) };
    };
    const anonymous = await timed({});
    const bogus = await timed({ authorization: 'Bearer ict_made-up-token' });
    const member_ = await timed(auth(host.member));
    expect(anonymous).toMatchObject({ status: 401, error: 'unauthorized' });
    expect(bogus).toMatchObject({ status: 401, error: 'unauthorized' });
    expect(member_).toMatchObject({ status: 400, error: 'malformed_json' }); // with a token the body is read and parsed
    console.info(`10 MB push on ${kind}: no token ${anonymous.ms} ms, made-up token ${bogus.ms} ms, valid token (parsed) ${member_.ms} ms`);
  });
});
