// A tiny in-page signal raised after a local write has committed, with the events written (sync listens to push
// them at once).
import type { IncidentEvent } from '@shared/incident/events';

type Listener = (events: readonly IncidentEvent[]) => void;

const listeners = new Set<Listener>();

/** Called with the events of each committed local write; returns an unsubscribe function. */
export function onLocalWrite(listener: Listener): () => void {
  listeners.add(listener);
  return () => { listeners.delete(listener); };
}

export function emitLocalWrite(events: readonly IncidentEvent[]): void {
  for (const listener of listeners) {
    try {
      listener(events);
    } catch (error) {
      // A listener's failure must never fail the write that already committed.
      console.error('local-write listener failed', error);
    }
  }
}
