// A tiny in-page signal raised after a local write has committed (sync listens to push it promptly).
type Listener = () => void;

const listeners = new Set<Listener>();

/** Called with no arguments after each committed local write; returns an unsubscribe function. */
export function onLocalWrite(listener: Listener): () => void {
  listeners.add(listener);
  return () => { listeners.delete(listener); };
}

export function emitLocalWrite(): void {
  for (const listener of listeners) {
    try {
      listener();
    } catch (error) {
      // A listener's failure must never fail the write that already committed.
      console.error('local-write listener failed', error);
    }
  }
}
