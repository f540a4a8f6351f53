// In-process fan-out of pokes to the realtime sockets of each workspace.
export interface PokeSink {
  send(message: string): void;
}

export class PokeHub {
  private readonly sinks = new Map<string, Set<PokeSink>>();

  add(workspace: string, sink: PokeSink): () => void {
    const set = this.sinks.get(workspace) ?? new Set<PokeSink>();
    set.add(sink);
    this.sinks.set(workspace, set);
    return () => {
      set.delete(sink);
      if (set.size === 0) this.sinks.delete(workspace);
    };
  }

  poke(workspace: string, seq: number): void {
    const set = this.sinks.get(workspace);
    if (!set) return;
    const message = JSON.stringify({ type: 'poke', workspace, seq });
    for (const sink of set) {
      try {
        sink.send(message);
      } catch {
        // A closing socket; its close handler removes it.
      }
    }
  }

  workspaces(): string[] {
    return [...this.sinks.keys()];
  }

  get size(): number {
    let n = 0;
    for (const set of this.sinks.values()) n += set.size;
    return n;
  }
}
