// The admin API client against a fake fetch: requests it sends, answers it accepts, errors it explains.
import { describe, expect, it } from 'vitest';
import { AdminApiError, createAdminApi, FORBIDDEN_MESSAGE, OFFLINE_MESSAGE, } from './admin-api';
import type { FetchLike } from './http-client';

interface Sent { url: string; method: string; headers: Record<string, string>; body?: string }

function fakeFetch(status: number, body: unknown): { fetch: FetchLike; sent: Sent[] } {
  const sent: Sent[] = [];
  const fetch: FetchLike = async (url, init) => {
    sent.push({ url, method: init.method, headers: init.headers, ...(init.body !== undefined ? { body: init.body } : {}) });
    return { status, text: async () => (typeof body === 'string' ? body : JSON.stringify(body)) };
  };
  return { fetch, sent };
}

const device = {
  id: 'dev-1', name: "Ben's laptop", displayName: 'Ben Ops', role: 'member',
  createdAt: '2026-11-28T08:00:00.000Z', lastSeenAt: null, revokedAt: null,
};

async function failure(promise: Promise<unknown>): Promise<AdminApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AdminApiError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('admin API client', () => {
  it('lists devices with the bearer token and parses them', async () => {
    const { fetch, sent } = fakeFetch(200, { devices: [device] });
    const api = createAdminApi({ baseUrl: 'http://srv:8787/', token: 'tok-1', fetch });
    expect(await api.listDevices()).toEqual([device]);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.url).toBe('http://srv:8787/api/v1/devices');
    expect(sent[0]?.method).toBe('GET');
    expect(sent[0]?.headers.authorization).toBe('Bearer tok-1');
  });

  it('uses the page origin when the base URL is empty', async () => {
    const { fetch, sent } = fakeFetch(200, { devices: [] });
    await createAdminApi({ baseUrl: '', token: 't', fetch }).listDevices();
    expect(sent[0]?.url).toBe('/api/v1/devices');
  });

  it('revokes a device by its (encoded) id', async () => {
    const { fetch, sent } = fakeFetch(200, { revoked: 'a/b' });
    expect(await createAdminApi({ baseUrl: '', token: 't', fetch }).revokeDevice('a/b')).toBe('a/b');
    expect(sent[0]?.url).toBe('/api/v1/devices/a%2Fb/revoke');
    expect(sent[0]?.method).toBe('POST');
  });

  it('creates an invite with the given role, uses and expiry', async () => {
    const answer = { inviteCode: 'ABCD-EFGH-IJKL', role: 'admin', maxUses: 3, expiresAt: '2026-11-29T08:00:00.000Z' };
    const { fetch, sent } = fakeFetch(200, answer);
    const invite = await createAdminApi({ baseUrl: '', token: 't', fetch }).createInvite({ role: 'admin', maxUses: 3, expiresInHours: 24 });
    expect(invite).toEqual(answer);
    expect(JSON.parse(sent[0]?.body ?? 'null')).toEqual({ role: 'admin', maxUses: 3, expiresInHours: 24 });
    expect(sent[0]?.headers['content-type']).toBe('application/json');
  });

  it('refuses out-of-range invite values without calling the server', async () => {
    const { fetch, sent } = fakeFetch(200, {});
    const api = createAdminApi({ baseUrl: '', token: 't', fetch });
    const err = await failure(api.createInvite({ maxUses: 0 }));
    expect(err.kind).toBe('invalid');
    expect(err.message).toContain('Max uses');
    expect((await failure(api.createInvite({ expiresInHours: 24 * 365 }))).message).toContain('Expiry');
    expect(sent).toHaveLength(0);
  });

  it('says "offline" when no answer arrives', async () => {
    const fetch: FetchLike = async () => { throw new TypeError('Failed to fetch'); };
    const err = await failure(createAdminApi({ baseUrl: '', token: 't', fetch }).listDevices());
    expect(err.kind).toBe('offline');
    expect(err.message).toBe(OFFLINE_MESSAGE);
  });

  it('says only admins can do this on 403', async () => {
    const { fetch } = fakeFetch(403, { error: 'admin_required', message: 'admin role required' });
    const err = await failure(createAdminApi({ baseUrl: '', token: 't', fetch }).createInvite({}));
    expect(err.kind).toBe('forbidden');
    expect(err.status).toBe(403);
    expect(err.code).toBe('admin_required');
    expect(err.message).toBe(FORBIDDEN_MESSAGE);
  });

  it('tells a revoked admin device to connect again on 401', async () => {
    const { fetch } = fakeFetch(401, { error: 'unauthorized', message: 'unknown or revoked device token' });
    const err = await failure(createAdminApi({ baseUrl: '', token: 't', fetch }).listDevices());
    expect(err.kind).toBe('unauthorized');
    expect(err.message).toContain('connect again');
  });

  it('reports an unknown device and a server that is down', async () => {
    const notFound = await failure(createAdminApi({ baseUrl: '', token: 't', fetch: fakeFetch(404, { error: 'not_found', message: 'no such device in this workspace' }).fetch }).revokeDevice('x'));
    expect(notFound.kind).toBe('not_found');
    expect(notFound.message).toContain('no such device');
    const down = await failure(createAdminApi({ baseUrl: '', token: 't', fetch: fakeFetch(503, 'Service Unavailable').fetch }).listDevices());
    expect(down.kind).toBe('unavailable');
  });

  it('rejects answers that do not match the protocol', async () => {
    const html = await failure(createAdminApi({ baseUrl: '', token: 't', fetch: fakeFetch(200, '<html>hello</html>').fetch }).listDevices());
    expect(html.kind).toBe('bad_response');
    const wrongShape = await failure(createAdminApi({ baseUrl: '', token: 't', fetch: fakeFetch(200, { devices: [{ ...device, role: 'owner' }] }).fetch }).listDevices());
    expect(wrongShape.kind).toBe('bad_response');
  });
});
