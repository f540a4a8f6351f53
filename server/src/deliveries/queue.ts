// The deliveries table: send requests found in the log become rows keyed by (request, target); workers claim
// due rows with FOR UPDATE SKIP LOCKED under a lease, so exactly one instance works on each, and record the
// outcome (state + the outcome event's draft) before that event is written to the log.
import { sql, type Kysely } from 'kysely';
import { parseEvent } from '@shared/incident/events';
import { targetKey } from '@shared/incident/events-delivery';
import { PAGE_TARGET } from '@shared/incident/events-paging';
import type { Database } from '../db/schema';
import { applyOutcome, claimableAfterRecovery } from './recovery';

export interface ClaimedRow {
  workspace_id: string;
  request_id: string;
  target: string;
  incident_id: string;
  channel: string;
  attempts: number;
  max_attempts: number;
  external_id: string | null;
}

/**
 * Turn new delivery.requested / delivery.retried events of a workspace into rows. Reads the counter first:
 * every event up to it is committed (seq order is commit order), so moving the scan cursor there skips nothing.
 */
export async function scanWorkspace(db: Kysely<Database>, workspaceId: string, maxAttempts: number): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await trx.insertInto('delivery_scan').values({ workspace_id: workspaceId, last_seq: 0 }).onConflict((oc) => oc.column('workspace_id').doNothing()).execute();
    const cursor = await trx.selectFrom('delivery_scan').select('last_seq').where('workspace_id', '=', workspaceId).forUpdate().executeTakeFirstOrThrow();
    const head = await trx.selectFrom('workspaces').select('last_seq').where('id', '=', workspaceId).executeTakeFirstOrThrow();
    if (Number(head.last_seq) <= Number(cursor.last_seq)) return 0;
    const rows = await trx.selectFrom('events').select(['seq', 'body'])
      .where('workspace_id', '=', workspaceId)
      .where('seq', '>', cursor.last_seq).where('seq', '<=', head.last_seq)
      .where('type', 'in', ['delivery.requested', 'delivery.retried', 'page.requested', 'delivery.sent', 'delivery.failed'])
      .orderBy('seq').execute();
    let added = 0;
    for (const row of rows) {
      const parsed = parseEvent(row.body);
      if (!parsed.ok) continue;
      const e = parsed.event;
      if (e.type === 'delivery.requested') {
        const values = e.payload.targets.map((t) => ({
          workspace_id: workspaceId, request_id: e.id, target: targetKey(t), incident_id: e.incidentId, channel: t.channel,
          state: 'pending' as const, max_attempts: maxAttempts, next_attempt_at: new Date(), outcome_recorded: true, requested_at: e.recordedAt,
        }));
        const res = await trx.insertInto('deliveries').values(values).onConflict((oc) => oc.columns(['workspace_id', 'request_id', 'target']).doNothing()).executeTakeFirst();
        added += Number(res.numInsertedOrUpdatedRows ?? 0n);
      } else if (e.type === 'page.requested') {
        const res = await trx.insertInto('deliveries').values({
          workspace_id: workspaceId, request_id: e.id, target: PAGE_TARGET, incident_id: e.incidentId, channel: 'page',
          state: 'pending', max_attempts: maxAttempts, next_attempt_at: new Date(), outcome_recorded: true, requested_at: e.recordedAt,
        }).onConflict((oc) => oc.columns(['workspace_id', 'request_id', 'target']).doNothing()).executeTakeFirst();
        added += Number(res.numInsertedOrUpdatedRows ?? 0n);
      } else if (e.type === 'delivery.sent' || e.type === 'delivery.failed') {
        await applyOutcome(trx, workspaceId, e, maxAttempts);
      } else if (e.type === 'delivery.retried') {
        // Only a delivery that gave up is retried; one that was sent never goes out again.
        await trx.updateTable('deliveries')
          .set({ state: 'pending', next_attempt_at: new Date(), max_attempts: sql<number>`attempts + ${maxAttempts}`, updated_at: new Date() })
          .where('workspace_id', '=', workspaceId).where('request_id', '=', e.payload.requestId).where('target', '=', e.payload.target)
          .where('state', '=', 'failed').where('outcome_recorded', '=', true)
          .execute();
      }
    }
    await trx.updateTable('delivery_scan').set({ last_seq: head.last_seq }).where('workspace_id', '=', workspaceId).execute();
    return added;
  });
}

/** How many attempts each destination has running on this instance, and how many it may. */
export interface DestinationCap { busy: ReadonlyMap<string, number>; perTarget: number }

/**
 * Claim up to `limit` due rows: pending ones, and sending ones whose lease ran out (their claimer died), oldest
 * first, at most `perTarget` running per destination (target key) counting those already busy. Destinations at
 * their cap are left out in the query, so their waiting rows never crowd out anyone else's.
 */
export async function claimDue(db: Kysely<Database>, instanceId: string, now: Date, leaseMs: number, limit: number, cap?: DestinationCap, recoveryHoldMs = 0): Promise<ClaimedRow[]> {
  const busy = cap?.busy ?? new Map<string, number>();
  const perTarget = cap?.perTarget ?? Number.POSITIVE_INFINITY;
  const full = [...busy].filter(([, n]) => n >= perTarget).map(([t]) => t);
  return db.transaction().execute(async (trx) => {
    let query = trx.selectFrom('deliveries').select(['workspace_id', 'request_id', 'target'])
      .where('next_attempt_at', '<=', now)
      .where((eb) => eb.or([eb('state', '=', 'pending'), eb.and([eb('state', '=', 'sending'), eb('lease_until', '<', now)])]))
      .where(claimableAfterRecovery(now, recoveryHoldMs));
    if (full.length > 0) query = query.where('target', 'not in', full);
    const candidates = await query.orderBy('next_attempt_at').limit(cap ? limit * 4 : limit).forUpdate().skipLocked().execute();
    const taken = new Map(busy);
    const due = candidates.filter((d) => {
      const n = taken.get(d.target) ?? 0;
      if (n >= perTarget) return false;
      taken.set(d.target, n + 1);
      return true;
    }).slice(0, limit);
    const claimed: ClaimedRow[] = [];
    for (const d of due) {
      const row = await trx.updateTable('deliveries')
        .set({ state: 'sending', attempts: sql<number>`attempts + 1`, lease_until: new Date(now.getTime() + leaseMs), claimed_by: instanceId, updated_at: now })
        .where('workspace_id', '=', d.workspace_id).where('request_id', '=', d.request_id).where('target', '=', d.target)
        .returning(['workspace_id', 'request_id', 'target', 'incident_id', 'channel', 'attempts', 'max_attempts', 'external_id'])
        .executeTakeFirstOrThrow();
      claimed.push(row);
    }
    return claimed;
  });
}

export interface AttemptOutcome {
  state: 'sent' | 'failed' | 'pending';
  nextAttemptAt?: Date;
  error?: string;
  externalId?: string | null;
  /** The draft of the delivery.sent / delivery.failed event, stored until it is in the log. */
  outcome: unknown;
}

/** Record what an attempt did, only if this instance still holds the claim (a lost lease records nothing). */
export async function completeAttempt(db: Kysely<Database>, row: ClaimedRow, instanceId: string, result: AttemptOutcome, now: Date): Promise<boolean> {
  const res = await db.updateTable('deliveries')
    .set({
      state: result.state, next_attempt_at: result.nextAttemptAt ?? now, lease_until: null, last_error: result.error ?? null,
      outcome: JSON.stringify(result.outcome), outcome_recorded: false, updated_at: now,
      ...(result.externalId !== undefined ? { external_id: result.externalId } : {}),
    })
    .where('workspace_id', '=', row.workspace_id).where('request_id', '=', row.request_id).where('target', '=', row.target)
    .where('state', '=', 'sending').where('claimed_by', '=', instanceId).where('attempts', '=', row.attempts)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Give a claimed row back for another attempt at once, its attempt uncounted (it made progress; see SendResult). */
export async function continueLater(db: Kysely<Database>, row: ClaimedRow, instanceId: string, now: Date): Promise<boolean> {
  const res = await db.updateTable('deliveries')
    .set({ state: 'pending', next_attempt_at: now, lease_until: null, attempts: sql<number>`attempts - 1`, updated_at: now })
    .where('workspace_id', '=', row.workspace_id).where('request_id', '=', row.request_id).where('target', '=', row.target)
    .where('state', '=', 'sending').where('claimed_by', '=', instanceId).where('attempts', '=', row.attempts)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Remember an outside system's id before the attempt completes (e.g. the Statuspage incident just created). */
export async function saveExternalId(db: Kysely<Database>, row: ClaimedRow, externalId: string): Promise<void> {
  await db.updateTable('deliveries').set({ external_id: externalId })
    .where('workspace_id', '=', row.workspace_id).where('request_id', '=', row.request_id).where('target', '=', row.target).execute();
}

export async function unrecordedOutcomes(db: Kysely<Database>, limit = 50) {
  return db.selectFrom('deliveries').select(['workspace_id', 'request_id', 'target', 'outcome'])
    .where('outcome_recorded', '=', false).limit(limit).execute();
}

export async function markRecorded(db: Kysely<Database>, key: { workspace_id: string; request_id: string; target: string }): Promise<void> {
  await db.updateTable('deliveries').set({ outcome_recorded: true })
    .where('workspace_id', '=', key.workspace_id).where('request_id', '=', key.request_id).where('target', '=', key.target).execute();
}

/** Embedded store only (one process owns the data dir): a claim left by a killed process is free at once. */
export async function releaseAllLeases(db: Kysely<Database>): Promise<void> {
  await db.updateTable('deliveries').set({ state: 'pending', lease_until: null, claimed_by: null }).where('state', '=', 'sending').execute();
}

export async function workspaceIds(db: Kysely<Database>): Promise<string[]> {
  return (await db.selectFrom('workspaces').select('id').execute()).map((r) => r.id);
}
