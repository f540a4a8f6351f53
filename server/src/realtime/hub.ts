// In-process fan-out of pokes to the realtime sockets of each workspace. A gate (server/src/access/pokes.ts) may
// choose which sockets of a workspace a poke reaches: a console is poked for what it may read and for a change of
// what it may read, never for activity in a restricted incident it is not in.
import type { Reader } from '@shared/access/principal';

export interface PokeSink {
  send(message: string): void;
  /** The console behind the socket (absent: pokes are never withheld from it). */
  reader?: Reader;
}

/** Which of a workspace's sinks a poke for `seq` reaches; pokes of one workspace are gated one at a time, in order. */
export type PokeGate = (workspace: string, seq: number, sinks: readonly PokeSink[]) => Promise<readonly PokeSink[]>;

export class PokeHub {
  private readonly sinks = new Map<string, Set<PokeSink>>();
  private gate: PokeGate | undefined;
  private readonly queues = new Map<string, Promise<void>>();

  setGate(gate: PokeGate): void {
    this.gate = gate;
  }

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
    const { gate } = this;
    if (!gate) return send([...set], message);
    const previous = this.queues.get(workspace) ?? Promise.resolve();
    const next = previous.then(async () => {
      const current = this.sinks.get(workspace);
      if (!current) return;
      // A gate that fails (database away) pokes no one: a poke is only a hint, the backstop pull still comes.
      const chosen = await gate(workspace, seq, [...current]).catch(() => []);
      send(chosen, message);
    });
    const settled = next.catch(() => undefined);
    this.queues.set(workspace, settled);
    void settled.then(() => { if (this.queues.get(workspace) === settled) this.queues.delete(workspace); });
  }

  /** Resolves when every poke queued so far has been gated and sent (tests; shutdown). */
  async idle(): Promise<void> {
    while (this.queues.size) await Promise.all([...this.queues.values()]);
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

function send(sinks: readonly PokeSink[], message: string): void {
  for (const sink of sinks) {
    try {
      sink.send(message);
    } catch {
      // A closing socket; its close handler removes it.
    }
  }
}
