// The hosted status page, public (no login): /status (HTML) and every read endpoint of Atlassian Statuspage's
// public v2 API (/api/v2/summary.json, status.json, components.json, incidents.json, incidents/unresolved.json,
// scheduled-maintenances.json, scheduled-maintenances/upcoming.json and /active.json). The same under
// /status/drill for the drill sandbox, which only drills publish to (and which has no maintenance).
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ServerContext } from '../context';
import { ApiError } from '../errors';
import { publicPageHeaders } from '../public/headers';
import { renderStatusPage, STATUS_STYLE } from '../status/html';
import { activeMaintenances, upcomingMaintenances } from '@shared/statuspage/maintenance-view';
import { publicWorkspace, statusPageModel } from '../status/model';

export function registerStatusPageRoutes(app: FastifyInstance, ctx: ServerContext, options: { publicUrl: string; subscribe: boolean }): void {
  for (const drill of [false, true]) {
    const base = drill ? '/status/drill' : '';
    const pageUrl = `${options.publicUrl.replace(/\/$/, '')}${drill ? '/status/drill' : '/status'}`;
    const model = async () => {
      const ws = await publicWorkspace(ctx.db);
      if (!ws) throw new ApiError(404, 'not_found', 'this server has no workspace yet');
      return statusPageModel(ctx.db, ws.id, { drill, url: pageUrl, now: ctx.now() });
    };
    // Status widgets read these from any origin; nothing here is private.
    const api = (reply: FastifyReply) => reply.header('access-control-allow-origin', '*').header('cache-control', 'no-cache');

    app.get(`${base}/api/v2/summary.json`, async (_req, reply) => {
      const m = await model();
      api(reply);
      // As Statuspage's summary: unresolved incidents, and maintenances upcoming or in progress.
      const maintenances = [...activeMaintenances(m.scheduled_maintenances), ...upcomingMaintenances(m.scheduled_maintenances)];
      return { page: m.page, components: m.components, incidents: m.incidents.filter((i) => i.status !== 'resolved'), scheduled_maintenances: maintenances, status: m.status };
    });
    app.get(`${base}/api/v2/status.json`, async (_req, reply) => { const m = await model(); api(reply); return { page: m.page, status: m.status }; });
    app.get(`${base}/api/v2/components.json`, async (_req, reply) => { const m = await model(); api(reply); return { page: m.page, components: m.components }; });
    app.get(`${base}/api/v2/incidents.json`, async (_req, reply) => { const m = await model(); api(reply); return { page: m.page, incidents: m.incidents.slice(0, 50) }; });
    app.get(`${base}/api/v2/incidents/unresolved.json`, async (_req, reply) => {
      const m = await model();
      api(reply);
      return { page: m.page, incidents: m.incidents.filter((i) => i.status !== 'resolved') };
    });
    app.get(`${base}/api/v2/scheduled-maintenances.json`, async (_req, reply) => {
      const m = await model();
      api(reply);
      return { page: m.page, scheduled_maintenances: m.scheduled_maintenances.slice(0, 50) };
    });
    app.get(`${base}/api/v2/scheduled-maintenances/upcoming.json`, async (_req, reply) => {
      const m = await model();
      api(reply);
      return { page: m.page, scheduled_maintenances: upcomingMaintenances(m.scheduled_maintenances) };
    });
    app.get(`${base}/api/v2/scheduled-maintenances/active.json`, async (_req, reply) => {
      const m = await model();
      api(reply);
      return { page: m.page, scheduled_maintenances: activeMaintenances(m.scheduled_maintenances) };
    });
    // The live page's subscribe form posts to /status/subscribe (form-action 'self'); the drill page has no form.
    app.get(drill ? '/status/drill' : '/status', { helmet: publicPageHeaders(STATUS_STYLE, drill || !options.subscribe ? 'none' : 'self') }, async (_req, reply) => {
      const m = await model();
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(renderStatusPage(m, { drill, subscribe: !drill && options.subscribe }));
    });
  }
}
