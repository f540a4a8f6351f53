// The local side of sync over Dexie: the engine's SyncLocalStore port (outbox, remote events, cursors, the HLC).
import { parseEvent, type Actor, type IncidentEvent } from '@shared/incident/events';
import { ClockDriftError, decodeHlc, encodeHlc, isEncodedHlc } from '@shared/hlc/hlc';
import type { ApplyRemoteResult, QuarantineRetryResult, SyncLocalStore } from '@shared/sync/engine';
import { z } from 'zod';
import { advanceWriterClock, ensureDeviceId, loadClock, META, ownDeviceIds, readHlc, readIdentity, saveClock } from './meta';
import { eventOfRow } from './types';
import type { IncidentDb } from './schema';
import { storeReceivedInTx } from './store-received';
import { acknowledgeInTx, countUnsent, queueStoredInTx, readUnsent, type OfferedRow } from './outbox';
import { applyAccess, oweStreamsInTx, owedStreams, streamRead } from './restricted';
import { emptySummary, isDone, summarise } from './summary';
import { isIncidentStream } from '@shared/workspace/streams';
import type { StreamSize } from '@shared/sync/protocol';
import type { IncidentSummary } from './types';
import { showStored } from './live-incident';
import type { Identity } from './types';
import { summariesSettled } from './summaries';

export type { ApplyRemoteResult, QuarantineRetryResult };

/** Meta row holding pulled events that failed validation, raw, as an array (the cursor moves past them). */
export const QUARANTINE_KEY = META.quarantine;


/**
 * The server takes an event only in the name of the device that pushes it. An outbox event written under
 * another id (before this console joined under a server-given id, or imported under an earlier one) goes
 * out marked as imported by this device, keeping its author; the server treats the mark as provenance only.
 */
export function outgoingForm(event: IncidentEvent, me: Actor, at: string): IncidentEvent {
  if (event.imported?.by.deviceId === me.deviceId) return event;
  if (!event.imported && event.actor.deviceId === me.deviceId && decodeHlc(event.hlc).node === me.deviceId) return event;
  return { ...event, imported: { by: me, at: event.imported?.at ?? at } };
}

/** Is this local event this console's to push (its own, under any id it had, or imported by it)? */
function isOwn(event: IncidentEvent, mine: ReadonlySet<string>): boolean {
  if (event.imported) return mine.has(event.imported.by.deviceId);
  return mine.has(event.actor.deviceId);
}

/** The copy given back for another device (or the server): as the server had it, signature kept, relayed by me. */
export function relayForm(event: IncidentEvent, me: Actor, at: string): IncidentEvent {
  return { ...event, relayed: { by: me, at } };
}

const historyMarkSchema = z.object({ epoch: z.string().min(1), repushOwed: z.boolean(), cursorMark: z.string().nullable().optional() });

/** Offered rows remembered at most (a long outage offers the same rows again; the map is rebuilt from the reads). */
const OFFERED_KEPT = 50_000;

export function createLocalSyncStore(db: IncidentDb, wallClock: () => number = Date.now): Required<SyncLocalStore> {
  /** This device as the last outbox read saw it: lets a fresh write go out without reading it again. */
  let me: Identity | null = null;
  /** The outbox rows offered to the server and not acknowledged yet: an acknowledgement need not read them again. */
  const offered = new Map<string, OfferedRow>();
  const outgoing = (events: readonly IncidentEvent[], who: Identity, at: string) =>
    events.map((e) => (who.deviceId ? outgoingForm(e, { deviceId: who.deviceId, name: who.name.trim() || 'Unnamed' }, at) : e));
  // What storing pulled events takes: the rows, and meta (clock, cursor, quarantine); summaries follow the commit.
  const receiving = () => [db.events, db.meta];

  async function mergeInTx(remote: string): Promise<void> {
    const deviceId = await ensureDeviceId(db);
    const clock = await loadClock(db, deviceId, wallClock);
    clock.receive(decodeHlc(remote));
    await saveClock(db, clock);
    void advanceWriterClock(db, remote);
  }

  async function readQuarantine(): Promise<unknown[]> {
    const row = await db.meta.get(QUARANTINE_KEY);
    return Array.isArray(row?.value) ? (row.value as unknown[]) : [];
  }

  /** Inside a rw transaction over events and meta. `fresh`: the events newly stored. */
  async function applyInTx(input: readonly unknown[]): Promise<ApplyRemoteResult & { fresh: IncidentEvent[] }> {
    const rejected: Array<{ index: number; error: string }> = [];
    const refused: unknown[] = [];
    const valid: IncidentEvent[] = [];
    const seen = new Set<string>();
    // Events already held (this console's own coming back, a page read twice) are dropped before validation: a set
    // union gains nothing from them, and validating every event is most of what applying a page costs.
    const idOf = (raw: unknown) => (typeof raw === 'object' && raw !== null && typeof (raw as { id?: unknown }).id === 'string' ? (raw as { id: string }).id : null);
    const ids = input.map(idOf).filter((id): id is string => id !== null);
    const held = new Set(ids.length ? (await db.events.where('id').anyOf(ids).keys()).map(String) : []);
    input.forEach((raw, index) => {
      const id = idOf(raw);
      if (id !== null && held.has(id)) return;
      const parsed = parseEvent(raw);
      if (!parsed.ok) { rejected.push({ index, error: parsed.error }); refused.push(raw); }
      else if (!seen.has(parsed.event.id)) { seen.add(parsed.event.id); valid.push(parsed.event); }
    });
    if (refused.length > 0) {
      const kept = await readQuarantine();
      const known = new Set(kept.map((q) => JSON.stringify(q)));
      for (const raw of refused) {
        const key = JSON.stringify(raw);
        if (!known.has(key)) { known.add(key); kept.push(raw); }
      }
      await db.meta.put({ key: QUARANTINE_KEY, value: kept });
    }
    const fresh = await storeReceivedInTx(db, valid, { wallClock, absentChecked: true });
    return { applied: fresh.length, rejected, fresh };
  }

  /** After the transaction committed: the open consoles show what it stored, without reading it back. */
  function shown<T extends ApplyRemoteResult & { fresh: IncidentEvent[] }>(result: T): Omit<T, 'fresh'> {
    const { fresh, ...rest } = result;
    showStored(db, fresh);
    return rest;
  }

  return {
    async readOutbox(limit) {
      const [rows, who] = await db.transaction('r', [db.events, db.meta], () => Promise.all([readUnsent(db, limit), readIdentity(db)]));
      if (offered.size > OFFERED_KEPT) offered.clear();
      for (const r of rows) if (r.seq !== undefined) offered.set(r.id, { seq: r.seq, hlc: r.hlc });
      me = who;
      return outgoing(rows.map(eventOfRow), who, new Date(wallClock()).toISOString());
    },

    previewRemote(input) {
      const valid: IncidentEvent[] = [];
      for (const raw of input) {
        const parsed = parseEvent(raw);
        if (parsed.ok) valid.push(parsed.event);
      }
      showStored(db, valid);
    },

    outgoingNow(events) {
      return me ? outgoing(events, me, new Date(wallClock()).toISOString()) : null;
    },

    countOutbox: () => db.transaction('r', [db.events, db.meta], () => countUnsent(db)),

    async counts() {
      const [pending, quarantined] = await db.transaction('r', [db.events, db.meta], () => Promise.all([countUnsent(db), readQuarantine().then((q) => q.length)]));
      return { pending, quarantined };
    },

    async ackOutbox(eventIds) {
      if (eventIds.length === 0) return;
      await db.transaction('rw', [db.events, db.meta], () => acknowledgeInTx(db, eventIds, offered));
      for (const id of eventIds) offered.delete(id);
    },

    async afterPush(eventIds, serverHlc) {
      if (eventIds.length === 0 && !serverHlc) return;
      await db.transaction('rw', [db.events, db.meta], async () => {
        await acknowledgeInTx(db, eventIds, offered);
        if (serverHlc && isEncodedHlc(serverHlc)) {
          try {
            await mergeInTx(serverHlc);
          } catch (error) {
            // Best effort, as mergeHlc: a server clock far ahead is not followed, the acks still land.
            if (!(error instanceof ClockDriftError)) throw error;
          }
        }
      });
      for (const id of eventIds) offered.delete(id);
    },

    async applyRemote(input) {
      return shown(await db.transaction('rw', receiving(), async () => applyInTx(input)));
    },

    async applyPage(workspace, input, page) {
      return shown(await db.transaction('rw', receiving(), async () => {
        const result = await applyInTx(input);
        const [row, historyRow] = await db.meta.bulkGet([META.cursor(workspace), META.history(workspace)]);
        const stored = typeof row?.value === 'number' ? row.value : 0;
        const history = historyMarkSchema.safeParse(historyRow?.value);
        const mark = history.success ? history.data : null;
        // Everything up to `after` is stored and these are the rest up to `cursor`: the cursor may move there. Carried
        // events (an epoch) only in the history the cursor counts in, and not while a recovery is owed.
        const inHistory = page.epoch === undefined || (mark !== null && mark.epoch === page.epoch && !mark.repushOwed);
        const cursor = inHistory && stored >= page.after && page.cursor > stored ? page.cursor : stored;
        if (cursor !== stored) {
          await db.meta.put({ key: META.cursor(workspace), value: cursor });
          // The cursor's mark moves with it (a mark of another cursor would read as a history that went back).
          if (mark && page.cursorMark !== undefined) await db.meta.put({ key: META.history(workspace), value: { ...mark, cursorMark: page.cursorMark } });
        }
        return { ...result, cursor };
      }));
    },

    async retryQuarantine() {
      const result = await db.transaction('rw', receiving(), async () => {
        const waiting = await readQuarantine();
        if (waiting.length === 0) return { applied: 0, rejected: [], fresh: [] };
        await db.meta.put({ key: QUARANTINE_KEY, value: [] });
        return applyInTx(waiting);
      });
      const { applied, rejected } = shown(result);
      return { applied, remaining: rejected.length };
    },

    async countQuarantine() {
      return (await readQuarantine()).length;
    },

    async getCursor(workspace) {
      const row = await db.meta.get(META.cursor(workspace));
      return typeof row?.value === 'number' ? row.value : 0;
    },

    async setCursor(workspace, cursor) {
      await db.meta.put({ key: META.cursor(workspace), value: cursor });
    },

    async getHistory(workspace) {
      const parsed = historyMarkSchema.safeParse((await db.meta.get(META.history(workspace)))?.value);
      return parsed.success ? parsed.data : null;
    },

    async setHistory(workspace, mark) {
      await db.meta.put({ key: META.history(workspace), value: mark });
    },

    async readForRepush(after, limit) {
      const rows = await (after === null ? db.events.orderBy('id') : db.events.where('id').above(after)).limit(limit).toArray();
      const [mine, me] = await Promise.all([ownDeviceIds(db), readIdentity(db)]);
      const actor = { deviceId: me.deviceId, name: me.name.trim() || 'Unnamed' };
      const at = new Date(wallClock()).toISOString();
      const items = rows.map((row) => {
        const event = eventOfRow(row);
        const own = isOwn(event, mine);
        return { event: own ? outgoingForm(event, actor, at) : relayForm(event, actor, at), own };
      });
      const last = rows[rows.length - 1];
      return { items, next: rows.length < limit || !last ? null : last.id };
    },

    async requeue(events) {
      if (events.length === 0) return;
      await db.transaction('rw', [db.events, db.meta], () => queueStoredInTx(db, events.map((e) => e.id)));
    },

    async getHlc() {
      const hlc = await readHlc(db);
      return hlc ? encodeHlc(hlc) : null;
    },

    async planJoin(workspace, events, streams) {
      await summariesSettled(db); // judged against what this console holds: its own latest writes folded in
      await planJoin(db, workspace, events, streams);
    },

    applyAccess: (workspace, hidden) => applyAccess(db, workspace, hidden, wallClock()),
    owedStreams: (workspace) => owedStreams(db, workspace),
    streamRead: (workspace, streamId) => streamRead(db, workspace, streamId),

    async mergeHlc(remote) {
      if (!isEncodedHlc(remote)) throw new Error(`not a hybrid logical clock value: "${remote}"`);
      await db.transaction('rw', db.meta, async () => { await mergeInTx(remote); });
    },
  };
}

/**
 * Joining without the history (issue #27): of the streams the server lists, the workspace's own streams and the
 * incidents not resolved or closed are owed (read whole after the pull); each resolved or closed incident is marked as
 * not read, with the server's count, unless this console already holds as many of its events. Judged by folding the
 * summaries' events over what this console holds, with the list's own fold (summarise); the stored summaries fold the
 * same events once they are stored. One transaction.
 */
async function planJoin(db: IncidentDb, workspace: string, input: readonly unknown[], streams: readonly StreamSize[]): Promise<void> {
  const incidents = streams.filter((s) => isIncidentStream(s.stream));
  await db.transaction('rw', [db.incidents, db.meta], async () => {
    const held = await db.incidents.bulkGet(incidents.map((s) => s.stream));
    const stored = new Map<string, IncidentSummary>();
    held.forEach((row) => { if (row) stored.set(row.id, row); });
    const judged = new Map<string, IncidentSummary>(stored);
    for (const raw of input) {
      const parsed = parseEvent(raw);
      if (!parsed.ok || !isIncidentStream(parsed.event.incidentId)) continue;
      const id = parsed.event.incidentId;
      judged.set(id, summarise(judged.get(id) ?? emptySummary(id), parsed.event));
    }
    const owe: string[] = streams.filter((s) => !isIncidentStream(s.stream)).map((s) => s.stream);
    const unread: IncidentSummary[] = [];
    for (const { stream, events } of incidents) {
      const summary = judged.get(stream);
      const mine = stored.get(stream);
      if (!summary || !summary.opened || !isDone(summary)) owe.push(stream);
      else if ((mine?.eventCount ?? 0) < events) unread.push({ ...(mine ?? emptySummary(stream)), unread: events });
    }
    if (unread.length) await db.incidents.bulkPut(unread);
    await oweStreamsInTx(db, workspace, owe);
  });
}
