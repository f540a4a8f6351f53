// A local stand-in of Atlassian Statuspage's REST API v1 (the documented endpoints this server calls):
// GET /v1/pages/:page, GET .../components, GET .../incidents/unresolved, POST .../incidents,
// GET and PATCH .../incidents/:id, with `Authorization: OAuth <key>`. Keeps incidents in memory, newest update
// first as Statuspage does; `failNext` makes the next matching call answer with a status (after applying it, or not).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SpIncident {
  id: string; name: string; status: string; metadata: Record<string, unknown>;
  components: Array<{ id: string; name: string; status: string }>;
  incident_updates: Array<{ id: string; status: string; body: string; affected_components: Array<{ code: string; new_status: string }> }>;
}

export interface StatuspageStandIn {
  apiUrl: string;
  incidents: SpIncident[];
  calls: string[];
  failNext(method: string, pathEnd: string, status: number, opts?: { afterApplying?: boolean }): void;
  close(): Promise<void>;
}

export async function startStatuspageStandIn(pageId: string, apiKey: string, components: Array<{ id: string; name: string }>): Promise<StatuspageStandIn> {
  const incidents: SpIncident[] = [];
  const calls: string[] = [];
  const failures: Array<{ method: string; pathEnd: string; status: number; afterApplying: boolean }> = [];
  const state = new Map(components.map((c) => [c.id, 'operational']));
  let n = 0;
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (d) => (raw += String(d)));
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0] ?? '';
      const method = req.method ?? 'GET';
      calls.push(`${method} ${path}`);
      const send = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (req.headers.authorization !== `OAuth ${apiKey}`) return send(401, { error: 'Could not authenticate' });
      const base = `/v1/pages/${pageId}`;
      if (!path.startsWith(base)) return send(404, { error: 'Page not found' });
      const rest = path.slice(base.length);
      const failIndex = failures.findIndex((f) => f.method === method && rest.endsWith(f.pathEnd));
      const failure = failIndex >= 0 ? failures.splice(failIndex, 1)[0] : undefined;
      if (failure && !failure.afterApplying) return send(failure.status, { error: 'stand-in failure' });
      const answer = (status: number, body: unknown) => (failure ? send(failure.status, { error: 'stand-in failure after applying' }) : send(status, body));
      let body: { incident?: { name?: string; status?: string; body?: string; components?: Record<string, string>; metadata?: Record<string, unknown> } } = {};
      try { body = raw ? JSON.parse(raw) : {}; } catch { return send(400, { error: 'malformed JSON' }); }
      const apply = (inc: SpIncident, i: NonNullable<typeof body.incident>) => {
        if (i.status) inc.status = i.status;
        for (const [id, status] of Object.entries(i.components ?? {})) state.set(id, status);
        inc.components = Object.keys(i.components ?? {}).map((id) => ({ id, name: components.find((c) => c.id === id)?.name ?? id, status: state.get(id) ?? 'operational' }));
        inc.incident_updates.unshift({ id: `upd${++n}`, status: inc.status, body: i.body ?? '', affected_components: Object.entries(i.components ?? {}).map(([code, s]) => ({ code, new_status: s })) });
      };
      if (method === 'GET' && rest === '') return answer(200, { id: pageId, name: 'Stand-in page' });
      if (method === 'GET' && rest === '/components') return answer(200, components.map((c) => ({ ...c, status: state.get(c.id) })));
      if (method === 'GET' && rest === '/incidents/unresolved') return answer(200, incidents.filter((i) => i.status !== 'resolved'));
      if (method === 'POST' && rest === '/incidents') {
        if (!body.incident?.name) return send(422, { error: ['name can\'t be blank'] });
        const inc: SpIncident = { id: `inc${++n}`, name: body.incident.name, status: 'investigating', metadata: body.incident.metadata ?? {}, components: [], incident_updates: [] };
        apply(inc, body.incident);
        incidents.push(inc);
        return answer(201, inc);
      }
      const m = /^\/incidents\/([^/]+)$/.exec(rest);
      const inc = m ? incidents.find((i) => i.id === m[1]) : undefined;
      if (m && !inc) return send(404, { error: 'Incident not found' });
      if (inc && method === 'GET') return answer(200, inc);
      if (inc && method === 'PATCH' && body.incident) { apply(inc, body.incident); return answer(200, inc); }
      return send(404, { error: 'no such endpoint in the stand-in' });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    apiUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    incidents, calls,
    failNext(method, pathEnd, status, opts = {}) { failures.push({ method, pathEnd, status, afterApplying: opts.afterApplying ?? false }); },
    close: () => new Promise((r) => server.close(() => r())),
  };
}
