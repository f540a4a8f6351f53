// The delivery worker: scans the log for send requests, claims due deliveries (one instance each), sends
// through the target's channel, and writes each outcome back as a server-authored event. Never blocks sync:
// it runs beside the routes on its own timer. Attempts run in a bounded pool (DELIVERY_CONCURRENCY) and the worker
// goes on claiming while slow ones run; a destination has at most DELIVERY_PER_DESTINATION attempts at once, so a
// slow or dead one holds only its own rows (each attempt ends by its deadline, DELIVERY_TIMEOUT_SECONDS).
import { v5 as uuidv5 } from 'uuid';
import type { FastifyBaseLogger } from 'fastify';
import { deliveryTargetSchema, targetKey } from '@shared/incident/events-delivery';
import { MAINTENANCE_STREAM_ID } from '@shared/workspace/streams';
import type { ServerContext } from '../context';
import { queueDueNotices, sendMaintenanceNotice } from '../maintenance/notices';
import { sendPage } from '../paging/page';
import { resolveDestination } from '../store/channels';
import { appendServerEvents, type ServerEventDraft } from '../store/server-events';
import { createChannels } from './channels';
import { outwardIncident, restrictedDeliveryRefusal } from '@shared/access/deliveries';
import { loadIncident } from './incident';
import { incidentPlan } from './plan-access';
import { claimDue, completeAttempt, continueLater, markRecorded, releaseAllLeases, scanWorkspace, unrecordedOutcomes, workspaceIds, type AttemptOutcome, type ClaimedRow } from './queue';
import { startWaitingHolds } from './recovery';
import type { ChannelResult, DeliveryJob, DeliverySettings } from './types';

/** Namespace of outcome event ids: uuid v5 of (request, target, attempt), so re-recording one is a no-op. */
const OUTCOME_NAMESPACE = '6f1d3c52-8e0b-4c8e-9a43-2d1f0b7e5a11';
/** RECOVERY_HOLD_SECONDS' default: consoles reconnect within a minute or two (backstop 30 s, backoff up to 60 s). */
const DEFAULT_RECOVERY_HOLD_MS = 5 * 60_000;

export type WorkerContext = Pick<ServerContext, 'db' | 'clock' | 'now' | 'hub' | 'instanceId' | 'trackWrite' | 'serverKey'>;

export interface DeliveryWorker {
  /** Run a round now (tests, and after a push that carried a request). */
  kick(): void;
  /** Resolves when no round and no attempt is running. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

export function backoffMs(attempt: number, settings: Pick<DeliverySettings, 'retryBaseMs' | 'retryMaxMs'>): number {
  return Math.min(settings.retryMaxMs, settings.retryBaseMs * 2 ** Math.max(0, attempt - 1));
}

export async function startDeliveryWorker(ctx: WorkerContext, settings: DeliverySettings, log: FastifyBaseLogger, options: { exclusive: boolean }): Promise<DeliveryWorker> {
  if (options.exclusive) await releaseAllLeases(ctx.db);
  const channels = createChannels(ctx.db, ctx.now);
  let stopped = false;
  let running: Promise<void> | null = null;
  let again = false;
  let timer: NodeJS.Timeout | undefined;
  /** Attempts in flight, by row; and how many each destination (target key) has. */
  const inFlight = new Map<string, Promise<void>>();
  const perTarget = new Map<string, number>();
  /** Maintenance notices this process queued already (each is a row once; the set only spares the insert). */
  const queuedNotices = new Set<string>();

  const schedule = () => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => kick(), settings.pollMs);
    timer.unref?.();
  };
  const kick = () => {
    if (stopped) return;
    if (running) { again = true; return; }
    running = round().catch((err: unknown) => log.error({ err }, 'delivery round failed; retrying on the next tick'))
      .finally(() => { running = null; if (again) { again = false; kick(); } else schedule(); });
  };

  /** Claims as long as the pool has room and due rows of destinations under their cap remain; never waits on a send. */
  async function round(): Promise<void> {
    await recordOutcomes();
    await startWaitingHolds(ctx.db);
    for (const ws of await workspaceIds(ctx.db)) {
      await scanWorkspace(ctx.db, ws, settings.maxAttempts);
      await queueDueNotices(ctx.db, ws, ctx.now(), settings.maxAttempts, queuedNotices);
    }
    for (;;) {
      const room = settings.concurrency - inFlight.size;
      if (stopped || room <= 0) return;
      const rows = await claimDue(ctx.db, ctx.instanceId, new Date(ctx.now()), settings.leaseMs, room, { busy: perTarget, perTarget: settings.perDestination }, settings.recoveryHoldMs ?? DEFAULT_RECOVERY_HOLD_MS);
      if (rows.length === 0) return;
      for (const row of rows) start(row);
    }
  }

  function start(row: ClaimedRow): void {
    const key = `${row.workspace_id}|${row.request_id}|${row.target}`;
    perTarget.set(row.target, (perTarget.get(row.target) ?? 0) + 1);
    const work = ctx.trackWrite(attempt(row))
      .catch((err: unknown) => log.error({ err, request: row.request_id, target: row.target }, 'delivery attempt failed to record; retried when its lease runs out'))
      .finally(() => {
        inFlight.delete(key);
        const n = (perTarget.get(row.target) ?? 1) - 1;
        if (n > 0) perTarget.set(row.target, n); else perTarget.delete(row.target);
        kick(); // room in the pool: claim what waits
      });
    inFlight.set(key, work);
  }

  async function recordOutcomes(): Promise<void> {
    for (const row of await unrecordedOutcomes(ctx.db)) {
      await appendServerEvents(ctx, row.workspace_id, [row.outcome as ServerEventDraft]);
      await markRecorded(ctx.db, row);
    }
  }

  async function attempt(row: ClaimedRow): Promise<void> {
    log.info({ request: row.request_id, target: row.target, attempt: row.attempts }, 'delivery attempt started');
    let sandbox = false;
    let result: ChannelResult;
    try {
      ({ result, sandbox } = await perform(row));
    } catch (err) {
      result = { ok: false, reason: `internal error: ${err instanceof Error ? err.message : String(err)}`, permanent: false };
    }
    const now = ctx.now();
    if (result.ok === 'continue') {
      // Progress, not a failure: the row goes back to pending for the next attempt, which is not counted.
      if (await continueLater(ctx.db, row, ctx.instanceId, new Date(now))) log.info({ request: row.request_id, target: row.target, detail: result.detail }, 'delivery continues');
      return;
    }
    const giveUp = !result.ok && (result.permanent || row.attempts >= row.max_attempts);
    const nextAttemptAt = !result.ok && !giveUp ? new Date(now + backoffMs(row.attempts, settings)) : undefined;
    const base = { requestId: row.request_id, target: row.target, attempt: row.attempts, sandbox };
    const draft: ServerEventDraft = result.ok
      ? { incidentId: row.incident_id, type: 'delivery.sent', id: outcomeId(row, 'sent'), occurredAt: now,
          payload: { ...base, channel: row.channel as never, detail: result.detail, ...(result.messageId ? { messageId: result.messageId } : {}), ...(result.ackLink ? { ackLink: result.ackLink } : {}) } }
      : { incidentId: row.incident_id, type: 'delivery.failed', id: outcomeId(row, 'failed'), occurredAt: now,
          payload: { ...base, channel: row.channel as never, reason: result.reason, nextAttemptAt: nextAttemptAt ? nextAttemptAt.toISOString() : null } };
    const outcome: AttemptOutcome = result.ok
      ? { state: 'sent', outcome: draft, ...(result.externalId ? { externalId: result.externalId } : {}) }
      : { state: giveUp ? 'failed' : 'pending', error: result.reason, outcome: draft, ...(nextAttemptAt ? { nextAttemptAt } : {}) };
    const kept = await completeAttempt(ctx.db, row, ctx.instanceId, outcome, new Date(now));
    if (!kept) { log.warn({ request: row.request_id, target: row.target }, 'delivery lease lost before the attempt finished; its new owner records it'); return; }
    // Its outcome into the log now (a crash before this is caught by the next round's recordOutcomes).
    await appendServerEvents(ctx, row.workspace_id, [draft]);
    await markRecorded(ctx.db, row);
    if (result.ok) log.info({ request: row.request_id, target: row.target, attempt: row.attempts, detail: result.detail }, 'delivery sent');
    else log.warn({ request: row.request_id, target: row.target, attempt: row.attempts, reason: result.reason, retryAt: nextAttemptAt?.toISOString() ?? null }, giveUp ? 'delivery failed; gave up' : 'delivery failed; will retry');
  }

  /** One attempt of a row: a page goes to paging/page.ts, an update through its target's channel. */
  async function perform(row: ClaimedRow): Promise<{ result: ChannelResult; sandbox: boolean }> {
    if (row.incident_id === MAINTENANCE_STREAM_ID) {
      return { result: await sendMaintenanceNotice(ctx.db, settings, ctx.now, row.workspace_id, row.request_id), sandbox: false };
    }
    if (row.channel === 'page') {
      const paged = await sendPage(ctx.db, settings, row.workspace_id, row.incident_id, row.request_id, ctx.now());
      return { result: paged.result, sandbox: paged.drill };
    }
    const job = await buildJob(row);
    if (typeof job === 'string') return { result: { ok: false, reason: job, permanent: false }, sandbox: false };
    return { result: await send(job), sandbox: job.incident.drill };
  }

  async function buildJob(row: ClaimedRow): Promise<DeliveryJob | string> {
    const { state, events } = await loadIncident(ctx.db, row.workspace_id, row.incident_id);
    const request = events.find((e): e is Extract<typeof e, { type: 'delivery.requested' }> => e.id === row.request_id && e.type === 'delivery.requested');
    if (!request) return 'the send request is not in the log';
    const update = events.find((e): e is Extract<typeof e, { type: 'update.posted' }> => e.id === request.payload.updateId && e.type === 'update.posted');
    if (!update) return 'the update it sends has not reached the server yet';
    const target = request.payload.targets.find((t) => targetKey(t) === row.target);
    if (!target) return 'the request names no such target';
    const parsed = deliveryTargetSchema.parse(target);
    const destination = 'destination' in parsed
      ? await resolveDestination(ctx.db, row.workspace_id, settings, parsed.channel, parsed.destination) : undefined;
    const plan = await incidentPlan(ctx.db, row.workspace_id, state);
    return {
      workspaceId: row.workspace_id, requestId: row.request_id, target: parsed, targetKey: row.target, attempt: row.attempts,
      // A restricted incident goes out under its plan's public title, whatever the channel.
      incident: outwardIncident(state, plan), request, update, plan, externalId: row.external_id,
      ...(destination ? { destination } : {}),
    };
  }

  async function send(job: DeliveryJob): Promise<ChannelResult> {
    // A restricted incident's updates go only where its plan allows (docs/server.md, Restricted incidents).
    const refusal = restrictedDeliveryRefusal(job.plan, job.incident, job.targetKey);
    if (refusal) return { ok: false, reason: refusal, permanent: true };
    // A drill never reaches a real audience: only its own sandbox status page is "published".
    if (job.incident.drill && job.target.channel !== 'status-page') {
      return { ok: true, detail: 'drill: kept in the drill sandbox, not sent to anyone' };
    }
    const channel = channels.get(job.target.channel);
    if (!channel?.send) return { ok: false, reason: `this server cannot send to ${job.target.channel}`, permanent: true };
    return channel.send(job, settings);
  }

  const outcomeId = (row: ClaimedRow, kind: string) => uuidv5(`${row.workspace_id}|${row.request_id}|${row.target}|${row.attempts}|${kind}`, OUTCOME_NAMESPACE);

  kick();
  return {
    kick,
    async idle() {
      while (running || inFlight.size > 0) {
        if (running) await running;
        await Promise.all([...inFlight.values()]);
      }
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      while (running || inFlight.size > 0) {
        if (running) await running;
        await Promise.all([...inFlight.values()]);
      }
    },
  };
}
