// Feeds each workspace's WorkspaceAccess from the log: the rows that decide who sees what (index events_access,
// migrations 9 and 14). On a store this server writes alone (the embedded PGlite: one process per data dir), the fold is read
// once and then kept complete in memory: every write of this server folds its events as it commits (noteWrite), so a
// push is judged without a query and a read waits only for writes in flight. On a shared store (PostgreSQL, several
// instances), every request first reads what was added since, up to the workspace's head, in ONE statement. A
// history that went back (a restore, a new epoch, the head below what was folded) is folded again from the start.
import { sql, type Kysely } from 'kysely';
import { parseEvent, type IncidentEvent } from '@shared/incident/events';
import type { Database } from '../db/schema';
import { workspaceHistory } from '../store/epoch';
import { WorkspaceAccess } from './workspace-access';

/** The predicate of the partial index events_access (migration 9); a test keeps the two the same. */
export const ACCESS_ROWS = `(e.type in ('incident.opened', 'visibility.changed', 'participant.invited', 'participant.removed',
                     'role.assigned', 'role.relieved', 'plan.adopted', 'alert.attached',
                     'command.handover-offered', 'command.handover-accepted')
         or e.incident_id = '00000000-0000-7000-8000-000000000001')`;

interface Slot {
  access: WorkspaceAccess;
  /** The workspace's history epoch the fold was read from (store/epoch.ts): another one means it went back. */
  epoch: string | null;
  /** Read from the log at least once. */
  loaded: boolean;
  busy: Promise<unknown>;
  /** This server's writes to the workspace not yet folded (their rows may already be committed). */
  inFlight: Set<Promise<unknown>>;
}

const stores = new WeakMap<Kysely<Database>, Map<string, Slot>>();
/** Stores this process is the only writer of: their folds stay complete in memory. */
const exclusive = new WeakSet<Kysely<Database>>();

/** This server is the store's only writer (the embedded store): keep its folds in memory, fed by noteWrite. */
export function markExclusiveWriter(db: Kysely<Database>): void {
  exclusive.add(db);
}

function slotOf(db: Kysely<Database>, workspaceId: string): Slot {
  let byWorkspace = stores.get(db);
  if (!byWorkspace) { byWorkspace = new Map(); stores.set(db, byWorkspace); }
  let slot = byWorkspace.get(workspaceId);
  if (!slot) { slot = { access: new WorkspaceAccess(), epoch: null, loaded: false, busy: Promise.resolve(), inFlight: new Set() }; byWorkspace.set(workspaceId, slot); }
  return slot;
}

interface Row { head: string; epoch: string; at: string | null; body: unknown }

interface Advanced { access: WorkspaceAccess; head: number; epoch: string }

async function advance(db: Kysely<Database>, workspaceId: string, slot: Slot): Promise<Advanced> {
  const from = slot.access.upTo;
  const { rows } = await sql<Row>`select w.last_seq::text as head, w.epoch, e.seq::text as at, e.body
    from workspaces w
    left join events e on e.workspace_id = w.id and e.seq > ${String(from)}::bigint and e.seq <= w.last_seq and ${sql.raw(ACCESS_ROWS)}
    where w.id = ${workspaceId}
    order by e.seq`.execute(db);
  const head = Number(rows[0]?.head ?? 0);
  const epoch = rows[0]?.epoch ?? '';
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
  slot.loaded = true;
  return { access: slot.access, head, epoch };
}

/** One read of the log at a time per workspace (a fold is moved by one reader). */
function serially<T>(slot: Slot, work: () => Promise<T>): Promise<T> {
  const next = slot.busy.then(work, work);
  slot.busy = next.catch(() => undefined);
  return next;
}

/**
 * For a read (pull, per-stream read, a poke): the fold covering every row up to the returned head, with the
 * workspace's head and epoch (what a pull answers).
 */
export async function accessForRead(db: Kysely<Database>, workspaceId: string): Promise<Advanced> {
  const slot = slotOf(db, workspaceId);
  if (!exclusive.has(db) || !slot.loaded) return serially(slot, () => advance(db, workspaceId, slot));
  const history = await workspaceHistory(db, workspaceId);
  if (history.epoch !== slot.epoch) return serially(slot, () => advance(db, workspaceId, slot));
  // Every write committed up to this head is folded, or in flight: wait for those to fold theirs.
  await Promise.all([...slot.inFlight]);
  return { access: slot.access, head: history.head, epoch: history.epoch };
}

/**
 * For a poke after a write of this server: `epoch` is the history the write committed in (read in its transaction).
 * On the embedded store, when the fold is of that history, no statement is needed (a poke follows every push, and a
 * query here is most of what the poke waits for); otherwise as for a read.
 */
export async function accessForPoke(db: Kysely<Database>, workspaceId: string, epoch: string | undefined): Promise<WorkspaceAccess> {
  const slot = slotOf(db, workspaceId);
  if (epoch === undefined || !exclusive.has(db) || !slot.loaded || slot.epoch !== epoch) return (await accessForRead(db, workspaceId)).access;
  await Promise.all([...slot.inFlight]);
  return slot.access;
}

/** For a push's check: who may see what as this server knows it now (a write racing this one may not be in it yet). */
export async function accessForWrite(db: Kysely<Database>, workspaceId: string): Promise<WorkspaceAccess> {
  const slot = slotOf(db, workspaceId);
  if (exclusive.has(db) && slot.loaded) return slot.access;
  return (await serially(slot, () => advance(db, workspaceId, slot))).access;
}

/**
 * Every write of events to the log goes through here (device pushes, the server's own events): once it commits,
 * its events that decide who sees what are folded, before anyone waiting on it reads. `stored` says which events
 * the log holds now as written (none of a refused batch).
 */
export function noteWrite<T>(db: Kysely<Database>, workspaceId: string, write: Promise<T>, stored: (result: T) => readonly IncidentEvent[]): Promise<T> {
  const slot = slotOf(db, workspaceId);
  const folded = write.then((result) => {
    slot.access.apply(stored(result), slot.access.upTo);
    return result;
  });
  slot.inFlight.add(folded);
  void folded.finally(() => slot.inFlight.delete(folded)).catch(() => undefined);
  return folded;
}

/** Forget every workspace's fold (after a restore into this store, say). */
export function forgetAccess(db: Kysely<Database>): void {
  stores.delete(db);
}
