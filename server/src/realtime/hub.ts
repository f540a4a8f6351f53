// In-process fan-out of pokes to the realtime sockets of each workspace. A poke may carry the events it announces
// (a small push's, as stored). A gate (server/src/access/pokes.ts) may choose which sockets of a workspace a poke
// reaches: a console is poked for what it may read and for a change of what it may read, never for activity in a
// restricted incident it is not in; the events ride along only when the gate says every chosen console may read them
// all and none of them has to learn of a change of what it may read (which only a pull tells).
import type { Reader } from '@shared/access/principal';
import type { IncidentEvent } from '@shared/incident/events';
import { MAX_REALTIME_EVENTS } from '@shared/sync/protocol';
import { markOf } from '../store/cursor-marks';

/** A poke carries its events only up to this size as JSON (a larger push is only announced; consoles pull it). */
const MAX_CARRIED_BYTES = 64 * 1024;

/** The events of one push as stored: `from` is the first's sequence number, the rest follow without a gap. */
export interface CarriedEvents {
  from: number;
  events: readonly unknown[];
  epoch?: string;
  /** The mark of the event at `seq` (the last one), which a pull would answer as `cursorMark` for that cursor. */
  cursorMark?: string;
}

/** The events a push stored, in sequence order (they got seq - inserted + 1 .. seq), for the poke. */
export function carriedEvents(events: readonly IncidentEvent[], result: { insertedIds: readonly string[]; seq: number; epoch?: string }): CarriedEvents {
  const byId = new Map(events.map((e) => [e.id, e]));
  const stored = result.insertedIds.map((id) => byId.get(id)).filter((e): e is IncidentEvent => e !== undefined);
  const last = stored[stored.length - 1];
  return { from: result.seq - stored.length + 1, events: stored, ...(result.epoch ? { epoch: result.epoch } : {}), ...(last ? { cursorMark: markOf(last.id) } : {}) };
}

export interface PokeSink {
  send(message: string): void;
  /** The console behind the socket (absent: pokes are never withheld from it). */
  reader?: Reader;
}

/**
 * Which of a workspace's sinks a poke for `seq` reaches; pokes of one workspace are gated one at a time, in order.
 * `carry`: every sink chosen may read everything up to `seq` and has no change of access to learn, so the poke may
 * carry the events themselves.
 */
export type PokeGate = (workspace: string, seq: number, sinks: readonly PokeSink[], epoch?: string) => Promise<{ sinks: readonly PokeSink[]; carry: boolean }>;

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

  /** Tell the workspace's consoles that `seq` is the newest; with `carried`, the events themselves when small. */
  poke(workspace: string, seq: number, carried?: CarriedEvents): void {
    const set = this.sinks.get(workspace);
    if (!set) return;
    const plain = JSON.stringify({ type: 'poke', workspace, seq });
    let withEvents: string | null = null;
    if (carried && carried.events.length > 0 && carried.events.length <= MAX_REALTIME_EVENTS && carried.from + carried.events.length - 1 === seq) {
      const message = JSON.stringify({ type: 'poke', workspace, seq, from: carried.from, events: carried.events, ...(carried.epoch ? { epoch: carried.epoch } : {}), ...(carried.cursorMark ? { cursorMark: carried.cursorMark } : {}) });
      if (message.length <= MAX_CARRIED_BYTES) withEvents = message;
    }
    const { gate } = this;
    if (!gate) return send([...set], withEvents ?? plain);
    const previous = this.queues.get(workspace) ?? Promise.resolve();
    const next = previous.then(async () => {
      const current = this.sinks.get(workspace);
      if (!current) return;
      // A gate that fails (database away) pokes no one: a poke is only a hint, the backstop pull still comes.
      // The epoch the push read in its own transaction (carried): the gate need not read it again.
      const chosen = await gate(workspace, seq, [...current], carried?.epoch).catch(() => ({ sinks: [], carry: false }));
      send(chosen.sinks, (chosen.carry ? withEvents : null) ?? plain);
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
