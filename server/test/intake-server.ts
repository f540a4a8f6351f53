// For the alert-intake tests: a workspace server on PGlite with one integration (its token, as a monitoring system
// holds it), and a post to the intake in that token's name.
import type { LightMyRequestResponse } from 'fastify';
import type { ServerOptions } from '../src/app';
import { auth, openWorkspaceServer, type WorkspaceServer } from './harness';

export interface IntakeServer extends WorkspaceServer {
  /** The integration's token (shown once by the API). */
  token: string;
  /** POST a payload to /api/v1/intake/<kind> with the token as bearer (or the given headers, or to another url). */
  post(kind: string, payload: unknown, headers?: Record<string, string>, url?: string): Promise<LightMyRequestResponse>;
}

export async function openIntakeServer(options: Partial<Omit<ServerOptions, 'store'>>, integration: string): Promise<IntakeServer> {
  const opened = await openWorkspaceServer('pglite', options);
  const { server, admin } = opened;
  const res = await server.app.inject({ method: 'POST', url: '/api/v1/integrations', headers: auth(admin), payload: { name: integration } });
  if (res.statusCode !== 200) {
    await opened.close();
    throw new Error(`integration: ${res.statusCode} ${res.body}`);
  }
  const token = res.json<{ token: string }>().token;
  return {
    ...opened, token,
    post: (kind, payload, headers = { authorization: `Bearer ${token}` }, url = `/api/v1/intake/${kind}`) =>
      server.app.inject({ method: 'POST', url, headers, payload: payload as Record<string, unknown> }),
  };
}
