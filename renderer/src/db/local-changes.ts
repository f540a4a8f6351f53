// Tiny in-page signals of local writes, with their events: one as a write starts (sync signs them beside the commit)
// and one after it committed (sync pushes them at once).
import type { IncidentEvent } from '@shared/incident/events';

type Listener = (events: readonly IncidentEvent[]) => void;

const listeners = new Set<Listener>();
const starting = new Set<Listener>();

function notify(set: ReadonlySet<Listener>, events: readonly IncidentEvent[]): void {
  for (const listener of set) {
    try {
      listener(events);
    } catch (error) {
      // A listener's failure must never fail the write.
      console.error('local-write listener failed', error);
    }
  }
}

/** Called with the events of each local write as it starts (they may still fail to commit). */
export function onLocalWriting(listener: Listener): () => void {
  starting.add(listener);
  return () => { starting.delete(listener); };
}

export function emitLocalWriting(events: readonly IncidentEvent[]): void {
  notify(starting, events);
}

/** Called with the events of each committed local write; returns an unsubscribe function. */
export function onLocalWrite(listener: Listener): () => void {
  listeners.add(listener);
  return () => { listeners.delete(listener); };
}

export function emitLocalWrite(events: readonly IncidentEvent[]): void {
  notify(listeners, events);
}
