// A minimal in-memory device store implementing the sync engine's local-store interface (for property tests).
import { createEvent } from '@shared/incident/create';
import { parseEvent, type EventType, type IncidentEvent, type PayloadInput } from '@shared/incident/events';
import { ClockDriftError, decodeHlc, HybridClock } from '@shared/hlc/hlc';
import type { ApplyRemoteResult, QuarantineRetryResult, SyncLocalStore } from '@shared/sync/engine';

export class MemoryStore implements SyncLocalStore {
  readonly events = new Map<string, IncidentEvent>();
  private outbox: IncidentEvent[] = [];
  /** Raw pulled events that failed validation, as the Dexie store keeps them in its meta table. */
  quarantine: unknown[] = [];
  /** Extra local validation on top of parseEvent (tests use it to stand in for an older app version). */
  accept: (event: IncidentEvent) => boolean = () => true;
  private cursors = new Map<string, number>();
  readonly clock: HybridClock;
  /** What the server last said this device may not read, and the streams owed a read from the start (as renderer/src/db/restricted.ts). */
  hidden = new Set<string>();
  readonly owed = new Set<string>();
  /** Unsent local events purged with a stream this device may no longer read. */
  readonly dropped: IncidentEvent[] = [];

  /** The ids waiting in the outbox, oldest first. */
  pendingIds(): string[] {
    return this.outbox.map((e) => e.id);
  }

  constructor(readonly deviceId: string, private readonly wallClock: () => number, private readonly name = deviceId) {
    this.clock = new HybridClock(deviceId, wallClock);
  }

  /** A local edit: event and outbox row together, as the Dexie store does in one transaction. */
  record<T extends EventType>(incidentId: string, type: T, payload: PayloadInput<T>): IncidentEvent {
    const event = createEvent({ clock: this.clock, actor: { name: this.name, deviceId: this.deviceId }, now: this.wallClock }, incidentId, type, payload) as IncidentEvent;
    this.events.set(event.id, event);
    this.outbox.push(event);
    return event;
  }

  async readOutbox(limit: number): Promise<IncidentEvent[]> {
    return this.outbox.slice(0, limit);
  }

  async ackOutbox(ids: string[]): Promise<void> {
    const acked = new Set(ids);
    this.outbox = this.outbox.filter((e) => !acked.has(e.id));
  }

  async countOutbox(): Promise<number> {
    return this.outbox.length;
  }

  async applyRemote(events: readonly unknown[]): Promise<ApplyRemoteResult> {
    let applied = 0;
    const rejected: Array<{ index: number; error: string }> = [];
    for (const [index, raw] of events.entries()) {
      const parsed = parseEvent(raw);
      if (!parsed.ok || !this.accept(parsed.event)) {
        rejected.push({ index, error: parsed.ok ? 'refused by this replica' : parsed.error });
        if (!this.quarantine.some((q) => JSON.stringify(q) === JSON.stringify(raw))) this.quarantine.push(raw);
        continue;
      }
      if (this.events.has(parsed.event.id)) continue;
      this.events.set(parsed.event.id, parsed.event);
      applied += 1;
      await this.mergeHlc(parsed.event.hlc);
    }
    return { applied, rejected };
  }

  async retryQuarantine(): Promise<QuarantineRetryResult> {
    const waiting = this.quarantine;
    this.quarantine = [];
    const { applied } = await this.applyRemote(waiting);
    return { applied, remaining: this.quarantine.length };
  }

  async countQuarantine(): Promise<number> {
    return this.quarantine.length;
  }

  async getCursor(workspace: string): Promise<number> {
    return this.cursors.get(workspace) ?? 0;
  }

  async setCursor(workspace: string, cursor: number): Promise<void> {
    this.cursors.set(workspace, cursor);
  }

  async mergeHlc(remote: string): Promise<void> {
    try {
      this.clock.receive(decodeHlc(remote));
    } catch (err) {
      if (!(err instanceof ClockDriftError)) throw err;
    }
  }

  async applyAccess(_workspace: string, hidden: readonly string[]): Promise<void> {
    const now = new Set(hidden);
    for (const id of now) {
      if (this.hidden.has(id)) continue;
      for (const [eventId, e] of this.events) if (e.incidentId === id) this.events.delete(eventId);
      this.dropped.push(...this.outbox.filter((e) => e.incidentId === id));
      this.outbox = this.outbox.filter((e) => e.incidentId !== id);
      this.quarantine = this.quarantine.filter((q) => (q as { incidentId?: unknown }).incidentId !== id);
    }
    for (const id of this.hidden) if (!now.has(id)) this.owed.add(id);
    for (const id of now) this.owed.delete(id);
    this.hidden = now;
  }

  async owedStreams(): Promise<string[]> {
    return [...this.owed];
  }

  async streamRead(_workspace: string, streamId: string): Promise<void> {
    this.owed.delete(streamId);
  }

  async allEvents(): Promise<IncidentEvent[]> {
    return [...this.events.values()];
  }
}
