// Atlassian Statuspage (REST API v1): the same status-page update published on the organisation's Statuspage.io
// page. The first update of an incident creates a Statuspage incident, later ones update it (status, body,
// component statuses). Idempotent: our incident's Statuspage id is kept in statuspage_incidents and written in
// the incident's metadata, so a retry after a crash finds it instead of opening a second one, and an update whose
// body is already the incident's latest is not posted twice.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/schema';
import { outboundRequest } from '../../outbound/request';
import { statusWords, transientStatus } from '../../outbound/status-words';
import { neutraliseInvisible } from '@shared/text/invisible';
import type { Channel, DeliveryJob, DeliverySettings, SendResult } from '../types';

type Config = NonNullable<DeliverySettings['statuspage']>;
type Net = Pick<DeliverySettings, 'sendTimeoutMs' | 'outbound'>;
type Answer = { ok: true; status: number; json: unknown } | { ok: false; result: SendResult & { ok: false } };

const componentList = z.array(z.object({ id: z.string(), name: z.string() }).passthrough());
const spIncident = z.object({
  id: z.string(),
  status: z.string().optional(),
  metadata: z.record(z.string(), z.unknown()).nullable().optional(),
  incident_updates: z.array(z.object({ body: z.string().nullable().optional(), status: z.string().optional() }).passthrough()).optional(),
}).passthrough();

/** One call to Statuspage's API: `Authorization: OAuth <key>`; 420/429/5xx and no connection retried, other 4xx give up. */
async function call(cfg: Config, net: Net, method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown): Promise<Answer> {
  const url = `${cfg.apiUrl.replace(/\/$/, '')}/pages/${encodeURIComponent(cfg.pageId)}${path}`;
  const a = await outboundRequest({
    method, url, timeoutMs: net.sendTimeoutMs, policy: net.outbound, maxReplyBytes: 4 * 1024 * 1024,
    headers: { authorization: `OAuth ${cfg.apiKey}`, accept: 'application/json', ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const on = `${method} ${path.split('?')[0]}`;
  if (a.kind === 'invalid') return { ok: false, result: { ok: false, reason: `Statuspage: STATUSPAGE_API_URL: ${a.reason}`, permanent: true } };
  if (a.kind === 'refused') return { ok: false, result: { ok: false, reason: `Statuspage: refused to send to ${a.host}: ${a.reason}`, permanent: true } };
  if (a.kind === 'unreachable') return { ok: false, result: { ok: false, reason: `Statuspage: cannot reach ${a.host} (${a.cause})`, permanent: false } };
  if (a.status < 200 || a.status >= 300) {
    const transient = a.status === 420 || transientStatus(a.status);
    return { ok: false, result: { ok: false, reason: `Statuspage: HTTP ${a.status} from ${a.host} on ${on} (${statusWords(a.status)})`, permanent: !transient } };
  }
  let json: unknown = null;
  try { json = a.body ? JSON.parse(a.body) : null; } catch { return { ok: false, result: { ok: false, reason: `Statuspage: ${a.host} answered ${on} with something other than JSON`, permanent: false } }; }
  return { ok: true, status: a.status, json };
}

/** "Send test": read the page with the key (proves the key, the page id and the connection). */
async function statuspageProbe(cfg: Config, net: Net): Promise<SendResult> {
  const page = await call(cfg, net, 'GET', '');
  if (!page.ok) return page.result;
  const name = z.object({ name: z.string() }).safeParse(page.json);
  return { ok: true, detail: `Statuspage page ${cfg.pageId}${name.success ? ` ("${name.data.name}")` : ''} answered HTTP ${page.status}` };
}

const isOurs = (inc: z.infer<typeof spIncident>, incidentId: string) => {
  const meta = inc.metadata?.incident_console;
  return typeof meta === 'object' && meta !== null && (meta as Record<string, unknown>).incident_id === incidentId;
};

const NOT_CONFIGURED = 'Atlassian Statuspage is not configured on the server (set STATUSPAGE_API_KEY and STATUSPAGE_PAGE_ID)';

export function statuspageChannel(db: Kysely<Database>): Channel {
  return {
    environment: (settings) => (settings.statuspage ? [{ kind: 'statuspage-io', name: 'page', source: 'environment', where: `page ${settings.statuspage.pageId}`, createdAt: null }] : []),
    async test(_request, settings) {
      if (!settings.statuspage) return { ok: false, detail: NOT_CONFIGURED };
      const r = await statuspageProbe(settings.statuspage, settings);
      return r.ok ? { ok: true, detail: r.detail } : { ok: false, detail: r.reason };
    },
    async send(job: DeliveryJob, settings: DeliverySettings): Promise<SendResult> {
      const cfg = settings.statuspage;
      if (!cfg) return { ok: false, reason: NOT_CONFIGURED, permanent: true };
      const fields = job.request.payload.statusPage;
      if (!fields) return { ok: false, reason: 'the request carries no status-page fields', permanent: true };

      // Our components by name -> Statuspage's component ids (the page is set up by the organisation, not by us).
      const list = await call(cfg, settings, 'GET', '/components');
      if (!list.ok) return list.result;
      const theirs = componentList.safeParse(list.json);
      if (!theirs.success) return { ok: false, reason: 'Statuspage: the components list was not understood', permanent: false };
      const byName = new Map(theirs.data.map((c) => [c.name.trim().toLowerCase(), c.id]));
      const components: Record<string, string> = {};
      const missing: string[] = [];
      for (const c of fields.components) {
        const name = job.plan.statusPage.components.find((p) => p.id === c.id)?.name ?? c.id;
        const id = byName.get(name.trim().toLowerCase());
        if (id) components[id] = c.status; else missing.push(name);
      }
      // The public words the commander wrote for the page (older requests: the update's text), never the internal title.
      const incident = { status: fields.status, body: fields.body ?? job.update.payload.text, components, component_ids: Object.keys(components) };
      const note = missing.length ? `; not on the Statuspage page: ${missing.join(', ')}` : '';

      const key = { workspace_id: job.workspaceId, incident_id: job.incident.id, page_id: cfg.pageId };
      let spId = (await db.selectFrom('statuspage_incidents').select('statuspage_incident_id')
        .where('workspace_id', '=', key.workspace_id).where('incident_id', '=', key.incident_id).where('page_id', '=', key.page_id).executeTakeFirst())?.statuspage_incident_id;
      if (!spId) {
        // Created before a crash but not yet remembered? Its metadata names our incident.
        const open = await call(cfg, settings, 'GET', '/incidents/unresolved');
        if (!open.ok) return open.result;
        const found = z.array(spIncident).safeParse(open.json);
        spId = found.success ? found.data.find((i) => isOurs(i, job.incident.id))?.id : undefined;
      }
      if (!spId) {
        const created = await call(cfg, settings, 'POST', '/incidents', { incident: {
          name: neutraliseInvisible(job.request.payload.publicTitle ?? job.incident.title), ...incident, deliver_notifications: true,
          metadata: { incident_console: { incident_id: job.incident.id } },
        } });
        if (!created.ok) return created.result;
        const parsed = spIncident.safeParse(created.json);
        if (!parsed.success) return { ok: false, reason: 'Statuspage: the created incident was not understood', permanent: false };
        await db.insertInto('statuspage_incidents').values({ ...key, statuspage_incident_id: parsed.data.id, created_at: new Date() })
          .onConflict((oc) => oc.columns(['workspace_id', 'incident_id', 'page_id']).doNothing()).execute();
        return { ok: true, detail: `Statuspage incident ${parsed.data.id} created (${fields.status})${note}`, externalId: parsed.data.id };
      }
      await db.insertInto('statuspage_incidents').values({ ...key, statuspage_incident_id: spId, created_at: new Date() })
        .onConflict((oc) => oc.columns(['workspace_id', 'incident_id', 'page_id']).doNothing()).execute();
      // The same update sent again (a retry after the PATCH went through): already there, do not post it twice.
      const current = await call(cfg, settings, 'GET', `/incidents/${encodeURIComponent(spId)}`);
      if (!current.ok) return current.result;
      const now = spIncident.safeParse(current.json);
      const latest = now.success ? now.data.incident_updates?.[0] : undefined;
      if (latest && latest.body === incident.body && latest.status === incident.status) {
        return { ok: true, detail: `Statuspage incident ${spId} already shows this update${note}`, externalId: spId };
      }
      const title = job.request.payload.publicTitle;
      const updated = await call(cfg, settings, 'PATCH', `/incidents/${encodeURIComponent(spId)}`, { incident: title ? { name: neutraliseInvisible(title), ...incident } : incident });
      if (!updated.ok) return updated.result;
      return { ok: true, detail: `Statuspage incident ${spId} updated (${fields.status})${note}`, externalId: spId };
    },
  };
}
