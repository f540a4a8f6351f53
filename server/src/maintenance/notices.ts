// A maintenance window's emails to its subscribers, through the delivery worker (one row per notice in the deliveries
// table, keyed by the notice's id, so each goes exactly once whatever the number of instances or restarts): the
// worker queues the notices due (shared/maintenance/notices.ts) on each round, and sends one like an update to the
// subscribers of the window's components. Its outcome is a delivery.sent / delivery.failed in the maintenance stream.
import type { Kysely } from 'kysely';
import { dueNotices, windowNotices, type MaintenanceNotice } from '@shared/maintenance/notices';
import type { MaintenanceWindow } from '@shared/maintenance/windows';
import { neutraliseInvisible as visible } from '@shared/text/invisible';
import { MAINTENANCE_STREAM_ID } from '@shared/workspace/streams';
import type { Database } from '../db/schema';
import { mailDomain } from '../deliveries/channels/email';
import { sendToSubscribers, subscribedTo, subscriberFooter } from '../deliveries/channels/subscriber-mail';
import { workspacePlan } from '../deliveries/plan-access';
import type { ChannelResult, DeliverySettings } from '../deliveries/types';
import { sendCounts } from '../subscribers/store';
import { loadMaintenance } from './windows';

/** The target of every notice's row (as an update's subscribers target). */
export const NOTICE_TARGET = 'subscribers';

/**
 * Queue the notices due now (a row each, ON CONFLICT DO NOTHING: a second instance or a restart adds nothing).
 * `queued` remembers what this process already queued, so a notice is inserted once and then skipped.
 */
export async function queueDueNotices(db: Kysely<Database>, workspaceId: string, now: number, maxAttempts: number, queued: Set<string>): Promise<number> {
  const due = dueNotices(await loadMaintenance(db, workspaceId), now).filter((n) => !queued.has(n.id));
  if (due.length === 0) return 0;
  const res = await db.insertInto('deliveries').values(due.map((n) => ({
    workspace_id: workspaceId, request_id: n.id, target: NOTICE_TARGET, incident_id: MAINTENANCE_STREAM_ID, channel: 'subscribers',
    state: 'pending' as const, max_attempts: maxAttempts, next_attempt_at: new Date(now), outcome_recorded: true,
  }))).onConflict((oc) => oc.columns(['workspace_id', 'request_id', 'target']).doNothing()).executeTakeFirst();
  for (const n of due) queued.add(n.id);
  return Number(res.numInsertedOrUpdatedRows ?? 0n);
}

const SUBJECTS: Record<MaintenanceNotice['kind'], string> = {
  scheduled: 'Scheduled maintenance', reminder: 'Reminder: scheduled maintenance in 60 minutes', started: 'Maintenance in progress',
  update: 'Maintenance update', completed: 'Maintenance completed', cancelled: 'Maintenance cancelled',
};
const STATUS_WORDS = { scheduled: 'Scheduled', in_progress: 'In progress', verifying: 'Verifying', completed: 'Completed' } as const;

export function noticeSubject(notice: MaintenanceNotice, title: string): string {
  const prefix = notice.kind === 'update' && notice.status !== 'scheduled' ? `Maintenance ${STATUS_WORDS[notice.status].toLowerCase()}` : SUBJECTS[notice.kind];
  return `${prefix}: ${title}`;
}

const utc = (ms: number) => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** Send one notice (the row's request id) to the window's subscribers; a notice the window no longer calls for gives up. */
export async function sendMaintenanceNotice(db: Kysely<Database>, settings: DeliverySettings, now: () => number, workspaceId: string, noticeId: string): Promise<ChannelResult> {
  const windows = await loadMaintenance(db, workspaceId);
  const at = now();
  let found: { w: MaintenanceWindow; n: MaintenanceNotice } | undefined;
  for (const w of windows) {
    const n = windowNotices(w, at).find((x) => x.id === noticeId);
    if (n) { found = { w, n }; break; }
  }
  if (!found) return { ok: false, reason: 'the maintenance no longer calls for this email (its plan changed, or it was cancelled)', permanent: true };
  const { w, n } = found;
  const counts = await sendCounts(db, workspaceId, noticeId);
  // Late (the server was down): not begun, so not sent at all; a notice half sent is finished, so nobody is left out.
  if (at >= n.until && counts.sent + counts.failed + counts.pending === 0) {
    return { ok: false, reason: `too late to send: it was due ${utc(n.dueAt)} and is past its moment (${utc(n.until)})`, permanent: true };
  }
  const plan = await workspacePlan(db, workspaceId);
  const names = new Map(plan.statusPage.components.map((c) => [c.id, c.name]));
  return sendToSubscribers(db, settings, now, {
    workspaceId, requestId: noticeId, componentIds: w.componentIds, at: new Date(n.dueAt),
    subject: noticeSubject(n, w.title),
    references: `<maintenance.${w.id}@${mailDomain(settings.mailFrom)}>`,
    headers: { 'X-Maintenance-Id': w.id },
    text: (to, link) => [
      visible(n.text),
      '',
      visible(w.title),
      `Status: ${STATUS_WORDS[n.status]}`,
      `Window: ${utc(w.startsAt)} to ${utc(w.endsAt)}`,
      `Affected: ${subscribedTo(names, w.componentIds)}`,
      '',
      ...subscriberFooter(settings, plan.statusPage.name, subscribedTo(names, to.componentIds), link),
    ].join('\n'),
  });
}
