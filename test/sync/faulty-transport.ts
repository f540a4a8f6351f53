// A transport into a fastify app (no sockets) that can be offline, drop requests or replies, and repeat requests.
import type { FastifyInstance } from 'fastify';
import type { SyncTransport, TransportRequest, TransportResponse } from '@shared/sync/engine';
import { API_PREFIX } from '@shared/sync/protocol';

export type Fault = 'none' | 'drop-request' | 'drop-response' | 'duplicate';

export interface FaultyLink {
  online: boolean;
  /** Consumed one per request, cycling; set to [] for a clean link. */
  faults: Fault[];
}

export function faultyTransport(app: () => FastifyInstance | undefined, token: string, link: FaultyLink): SyncTransport {
  let n = 0;
  return {
    async request(req: TransportRequest): Promise<TransportResponse> {
      const server = app();
      if (!link.online || !server) throw new Error('network unreachable');
      const fault = link.faults.length ? (link.faults[n++ % link.faults.length] as Fault) : 'none';
      if (fault === 'drop-request') throw new Error('connection reset before the request arrived');
      const qs = req.query ? `?${new URLSearchParams(Object.entries(req.query).map(([k, v]) => [k, String(v)])).toString()}` : '';
      const send = () => server.inject({
        method: req.method,
        url: `${API_PREFIX}${req.path}${qs}`,
        headers: { authorization: `Bearer ${token}` },
        ...(req.body !== undefined ? { payload: req.body as Record<string, unknown> } : {}),
      });
      const res = await send();
      if (fault === 'duplicate') await send();
      if (fault === 'drop-response') throw new Error('connection reset before the reply arrived');
      return { status: res.statusCode, body: res.body ? (JSON.parse(res.body) as unknown) : null };
    },
  };
}
