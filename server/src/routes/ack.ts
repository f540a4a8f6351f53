// The page's one-time acknowledge link, public (the unguessable token is the credential): GET shows a small
// confirm page (a link preview or a mail scanner opening it changes nothing), POST records incident.acknowledged
// as the server, naming the paged person and the page, which ends the response clock on every console.
import { outwardTitle } from '@shared/access/deliveries';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { v5 as uuidv5 } from 'uuid';
import type { ServerContext } from '../context';
import { loadIncident } from '../deliveries/incident';
import { incidentPlan } from '../deliveries/plan-access';
import { ACK_STYLE, acknowledgedPage, confirmPage, refusedPage, type AckView } from '../paging/ack-html';
import { publicPageHeaders } from '../public/headers';
import { readAckToken, recoverAckToken, redeemAckToken, releaseAckToken, type AckLink } from '../paging/ack-tokens';
import { appendServerEvents } from '../store/server-events';

/** The token in a logged URL becomes <token>: a log reader must not be able to acknowledge. */
export function maskAckToken(url: string): string {
  return url.replace(/^\/ack\/[^/?#]+/, '/ack/<token>');
}

/** uuid v5 namespace of acknowledgement ids: one per page, however often its links are used. */
const ACK_NAMESPACE = '2b8f3d7e-5a61-4c1e-b0d4-7e9a1c3f5b20';

const html = (reply: FastifyReply, status: number, body: string) =>
  reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').header('referrer-policy', 'no-referrer').send(body);

export function registerAckRoutes(app: FastifyInstance, ctx: ServerContext): void {
  // The confirm form posts an empty urlencoded body: accept it here without a parser for the rest of the app.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 1024 }, (_req, _body, done) => done(null, {}));

  async function view(link: AckLink): Promise<AckView> {
    const { state, events } = await loadIncident(ctx.db, link.workspaceId, link.incidentId);
    const plan = await incidentPlan(ctx.db, link.workspaceId, state);
    const page = events.find((e) => e.id === link.pageId && e.type === 'page.requested');
    const roleId = page?.type === 'page.requested' ? page.payload.roleId : '';
    return { title: outwardTitle(state, plan), severity: state.severity, role: plan.roles.find((r) => r.id === roleId)?.name ?? roleId, person: link.person, expiresAt: link.expiresAt };
  }

  const ackIdOf = (link: Pick<AckLink, 'workspaceId' | 'pageId'>) => uuidv5(`${link.workspaceId}|${link.pageId}|ack`, ACK_NAMESPACE);
  /** The link's row, or one made again from the page's outcome in the log (a server restored from before the page). */
  const linkOf = async (token: string) => (await readAckToken(ctx.db, token)) ?? (await recoverAckToken(ctx.db, token));
  /** The page's acknowledgement is in the log already (recorded before a restore and given back by a console). */
  const acknowledged = async (link: AckLink) => (await ctx.db.selectFrom('events').select('id')
    .where('workspace_id', '=', link.workspaceId).where('id', '=', ackIdOf(link)).executeTakeFirst()) !== undefined;
  const alreadyAcknowledged = (reply: FastifyReply) =>
    html(reply, 410, refusedPage('Already acknowledged', 'This page was already acknowledged; the incident\'s console shows by whom and when.'));

  const unusable = (reply: FastifyReply, link: AckLink | undefined) => {
    if (!link) return html(reply, 404, refusedPage('Link not recognised', 'This acknowledge link is not known here. Open the link from the page you received, or call the incident commander.'));
    if (link.usedAt) return html(reply, 410, refusedPage('Already acknowledged', `This link was already used at ${link.usedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC; the page is acknowledged.`));
    return html(reply, 410, refusedPage('Link expired', `This link expired at ${link.expiresAt.toISOString().slice(0, 16).replace('T', ' ')} UTC. Call the incident commander, or acknowledge in the console.`));
  };

  const helmet = publicPageHeaders(ACK_STYLE, 'self');
  app.get<{ Params: { token: string } }>('/ack/:token', { helmet }, async (request, reply) => {
    const link = await linkOf(request.params.token);
    if (!link || link.usedAt || link.expiresAt.getTime() <= ctx.now()) return unusable(reply, link);
    if (await acknowledged(link)) return alreadyAcknowledged(reply);
    return html(reply, 200, confirmPage(await view(link), `/ack/${request.params.token}`));
  });

  app.post<{ Params: { token: string } }>('/ack/:token', { helmet }, async (request, reply) => {
    const token = request.params.token;
    const now = new Date(ctx.now());
    const known = await linkOf(token);
    if (known && !known.usedAt && known.expiresAt.getTime() > now.getTime() && await acknowledged(known)) {
      await redeemAckToken(ctx.db, token, now); // one acknowledgement per page: this link is spent too
      return alreadyAcknowledged(reply);
    }
    if (!(await redeemAckToken(ctx.db, token, now))) return unusable(reply, await readAckToken(ctx.db, token));
    const link = (await readAckToken(ctx.db, token))!;
    try {
      // The paged person acknowledged (the link proves who): that meets the response target, and they take the role
      // they were paged for when nobody holds it (a role someone else took meanwhile stays theirs).
      const { state, events } = await loadIncident(ctx.db, link.workspaceId, link.incidentId);
      const page = events.find((e) => e.id === link.pageId && e.type === 'page.requested');
      const roleId = page?.type === 'page.requested' ? page.payload.roleId : undefined;
      const ackId = ackIdOf(link);
      await appendServerEvents(ctx, link.workspaceId, [{
        incidentId: link.incidentId, type: 'incident.acknowledged', id: ackId, occurredAt: now.getTime(),
        payload: { person: link.person, pageId: link.pageId, note: 'Acknowledged from the page link', ...(roleId ? { roleId } : {}), ...(link.contactId ? { contactId: link.contactId } : {}) },
      }, ...(roleId && !state.roles[roleId] ? [{
        incidentId: link.incidentId, type: 'role.assigned' as const, id: uuidv5(`${link.workspaceId}|${link.pageId}|role`, ACK_NAMESPACE), occurredAt: now.getTime(),
        payload: { roleId, person: link.person, ...(link.contactId ? { contactId: link.contactId } : {}) },
      }] : [])]);
    } catch (err) {
      await releaseAckToken(ctx.db, token);
      throw err;
    }
    request.log.info({ workspace: link.workspaceId, incident: link.incidentId, page: link.pageId }, 'page acknowledged from its link');
    return html(reply, 200, acknowledgedPage(await view(link), now));
  });
}
