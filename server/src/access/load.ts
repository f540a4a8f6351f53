// Feeds each workspace's WorkspaceAccess from the log: the rows that decide who sees what (index events_access,
// migration 9), read past what is folded, up to the workspace's head, in ONE statement. One fold per workspace and
// store, moved forward by every request that needs it (serialised per workspace); a history that went back (a
// restore, a new epoch, or the head below what was folded) is folded again from the start.
import { sql, type Kysely } from 'kysely';
import { parseEvent, type IncidentEvent } from '@shared/incident/events';
import type { Database } from '../db/schema';
import { WorkspaceAccess } from './workspace-access';

/** The predicate of the partial index events_access (migration 9); a test keeps the two the same. */
export const ACCESS_ROWS = `(e.type in ('incident.opened', 'visibility.changed', 'participant.invited', 'participant.removed',
                     'role.assigned', 'role.relieved', 'plan.adopted', 'alert.attached')
         or e.incident_id = '00000000-0000-7000-8000-000000000001')`;

interface Slot {
  access: WorkspaceAccess;
  /** The workspace's history epoch the fold was read from (store/epoch.ts): another one means it went back. */
  epoch: string | null;
  busy: Promise<unknown>;
}

const stores = new WeakMap<Kysely<Database>, Map<string, Slot>>();

function slotOf(db: Kysely<Database>, workspaceId: string): Slot {
  let byWorkspace = stores.get(db);
  if (!byWorkspace) { byWorkspace = new Map(); stores.set(db, byWorkspace); }
  let slot = byWorkspace.get(workspaceId);
  if (!slot) { slot = { access: new WorkspaceAccess(), epoch: null, busy: Promise.resolve() }; byWorkspace.set(workspaceId, slot); }
  return slot;
}

interface Row { head: string; epoch: string; at: string | null; body: unknown }

async function advance(db: Kysely<Database>, workspaceId: string, slot: Slot): Promise<WorkspaceAccess> {
  const from = slot.access.upTo;
  const { rows } = await sql<Row>`select w.last_seq::text as head, w.epoch, e.seq::text as at, e.body
    from workspaces w
    left join events e on e.workspace_id = w.id and e.seq > ${String(from)}::bigint and e.seq <= w.last_seq and ${sql.raw(ACCESS_ROWS)}
    where w.id = ${workspaceId}
    order by e.seq`.execute(db);
  const head = Number(rows[0]?.head ?? 0);
  const epoch = rows[0]?.epoch ?? null;
  if (head < from || (slot.epoch !== null && epoch !== slot.epoch)) {
    // The history went back (a restore, a new epoch): what was folded may hold events the log no longer has.
    slot.access = new WorkspaceAccess();
    slot.epoch = epoch;
    return advance(db, workspaceId, slot);
  }
  slot.epoch = epoch;
  const events: IncidentEvent[] = [];
  for (const row of rows) {
    if (row.at === null) continue;
    const parsed = parseEvent(typeof row.body === 'string' ? JSON.parse(row.body) : row.body);
    if (parsed.ok) events.push(parsed.event); // validated on push; a row this build cannot read is skipped
  }
  slot.access.apply(events, head);
  return slot.access;
}

/** Who may see what in this workspace, folded up to at least its head at the time of the call. */
export function workspaceAccess(db: Kysely<Database>, workspaceId: string): Promise<WorkspaceAccess> {
  const slot = slotOf(db, workspaceId);
  const next = slot.busy.then(() => advance(db, workspaceId, slot), () => advance(db, workspaceId, slot));
  slot.busy = next.catch(() => undefined);
  return next;
}

/** How far this workspace's fold has read (without reading further); 0 before the first read. */
export function foldedUpTo(db: Kysely<Database>, workspaceId: string): number {
  return stores.get(db)?.get(workspaceId)?.access.upTo ?? 0;
}

/** Forget every workspace's fold (after a restore into this store, say). */
export function forgetAccess(db: Kysely<Database>): void {
  stores.delete(db);
}
