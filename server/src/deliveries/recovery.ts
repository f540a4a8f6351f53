// Deliveries after the server's history went back (docs/server.md, "Deliveries after a restore"): an outcome event
// that comes back with the consoles (delivery.sent / delivery.failed, relayed) is applied to its row, and a request
// recorded before the recovery waits RECOVERY_HOLD_SECONDS for its outcome before it may go out: what was sent before
// the rollback is not sent again.
import { sql, type Kysely } from 'kysely';
import type { IncidentEvent } from '@shared/incident/events';
import type { Database } from '../db/schema';
import { HOLD_NOT_STARTED } from '../store/epoch';

type OutcomeEvent = Extract<IncidentEvent, { type: 'delivery.sent' | 'delivery.failed' }>;

/**
 * Apply an outcome found in the log to its delivery row (inside the scan's transaction). A `sent` outcome always wins:
 * the row becomes sent (made so when its request has not come back yet) and is never claimed again. A failure moves
 * the attempt count up to it (so the next attempt's outcome id is new) and, when it gave up, marks the row failed.
 * Outcomes this server just wrote itself change nothing: the row already says so.
 */
export async function applyOutcome(db: Kysely<Database>, workspaceId: string, e: OutcomeEvent, maxAttempts: number): Promise<void> {
  const key = { workspace_id: workspaceId, request_id: e.payload.requestId, target: e.payload.target };
  if (e.type === 'delivery.sent') {
    await db.insertInto('deliveries').values({
      ...key, incident_id: e.incidentId, channel: e.payload.channel, state: 'sent', attempts: e.payload.attempt, max_attempts: maxAttempts,
      next_attempt_at: new Date(), outcome_recorded: true, updated_at: new Date(),
    }).onConflict((oc) => oc.columns(['workspace_id', 'request_id', 'target']).doUpdateSet({
      state: 'sent', lease_until: null, outcome_recorded: true, updated_at: new Date(),
      attempts: sql<number>`greatest(deliveries.attempts, excluded.attempts)`,
    }).where('deliveries.state', '<>', 'sent')).execute();
    return;
  }
  const gaveUp = e.payload.nextAttemptAt === null;
  await db.updateTable('deliveries')
    .set({
      attempts: sql<number>`greatest(attempts, ${e.payload.attempt})`,
      ...(gaveUp ? { state: 'failed' as const, last_error: e.payload.reason } : {}),
      updated_at: new Date(),
    })
    .where('workspace_id', '=', workspaceId).where('request_id', '=', key.request_id).where('target', '=', key.target)
    .where('state', '=', 'pending').where('attempts', '<=', e.payload.attempt)
    .execute();
}

/**
 * A recovery made while no server ran (a restore, `--new-epoch`, a recreated workspace) starts its hold now: the
 * first delivery round of a serving server. Each round asks (a no-op once started), so `--new-epoch` run beside
 * running instances starts within a poll.
 */
export async function startWaitingHolds(db: Kysely<Database>): Promise<void> {
  await db.updateTable('workspaces').set({ recovered_at: sql<Date>`now()` })
    .where('recovered_at', '=', sql<Date>`${HOLD_NOT_STARTED}::timestamptz`).execute();
}

/**
 * The claim's condition (on `deliveries`): not a request recorded before the workspace's last recovery while its hold
 * lasts, and no `delivery.sent` for it in the log (one that came back with a console after the scan ran).
 */
export function claimableAfterRecovery(now: Date, holdMs: number) {
  const holdStart = new Date(now.getTime() - holdMs);
  return sql<boolean>`not exists (select 1 from workspaces w where w.id = deliveries.workspace_id
      and w.recovered_at is not null and w.recovered_at > ${holdStart}
      and coalesce(deliveries.requested_at, '-infinity'::timestamptz) < w.recovered_at)
    and not exists (select 1 from events e where e.workspace_id = deliveries.workspace_id and e.type = 'delivery.sent'
      and (e.body->'payload'->>'requestId') = deliveries.request_id and (e.body->'payload'->>'target') = deliveries.target)`;
}
