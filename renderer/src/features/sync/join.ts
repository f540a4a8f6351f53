// Redeem an invite against a sync server and say clearly why it failed (bad invite, unreachable, not a server).
import type { FetchLike } from '@shared/sync/http-client';
import { joinServer } from '@shared/sync/http-transport';
import type { JoinRequest, JoinResponse } from '@shared/sync/protocol';

export type ConnectErrorKind = 'invalid_url' | 'bad_invite' | 'unreachable' | 'not_a_server' | 'rate_limited' | 'rejected';

export class ConnectError extends Error {
  constructor(readonly kind: ConnectErrorKind, message: string) {
    super(message);
    this.name = 'ConnectError';
  }
}

/** What the user sees for each refusal; `detail` is the server's own message when it gave one. */
export function connectErrorMessage(kind: ConnectErrorKind, server: string, detail?: string): string {
  switch (kind) {
    case 'invalid_url': return detail ?? 'The server address is not valid.';
    case 'bad_invite': return 'The server refused this invite code: it is unknown, expired or already used. Ask an admin for a new one.';
    case 'unreachable': return `Could not reach the server at ${server}. Check the address and your network, then try again.`;
    case 'not_a_server': return `${server} answered, but it is not an Incident Console sync server (check the address).`;
    case 'rate_limited': return 'Too many connection attempts; wait a minute and try again.';
    case 'rejected': return `The server refused to connect this device${detail ? `: ${detail}` : '.'}`;
  }
}

/** POST /join through `fetchFn`; every failure is a ConnectError with a kind the page can act on. */
export async function joinWithInvite(baseUrl: string, serverLabel: string, req: JoinRequest, fetchFn: FetchLike): Promise<JoinResponse> {
  let status = 0;
  const tracked: FetchLike = async (url, init) => {
    try {
      const res = await fetchFn(url, init);
      status = res.status;
      return res;
    } catch {
      throw new ConnectError('unreachable', connectErrorMessage('unreachable', serverLabel));
    }
  };
  try {
    return await joinServer(baseUrl, req, tracked);
  } catch (error) {
    if (error instanceof ConnectError) throw error;
    const detail = error instanceof Error ? error.message : undefined;
    const kind: ConnectErrorKind =
      status === 403 ? 'bad_invite'
        : status === 429 ? 'rate_limited'
          : status === 200 || status === 404 || status === 405 ? 'not_a_server'
            : status === 502 || status === 503 || status === 504 ? 'unreachable'
              : 'rejected';
    throw new ConnectError(kind, connectErrorMessage(kind, serverLabel, detail));
  }
}
