// Signatures made ahead (issue #27): a device starts signing what it writes while the write commits, so the push that
// follows has nothing left to compute and goes out the moment the write is stored (before the console re-renders),
// and entries logged offline go out on reconnect without signing thousands of events then. Ed25519 is deterministic:
// a signature made ahead is the one the push would make. Kept in memory only; anything missing is signed at push.
import type { IncidentEvent } from '../incident/events';
import type { EventSigner } from './signature';

interface Ahead {
  /** What was signed, to tell it is the event pushed now (same id, stamp and marks). */
  print: string;
  signed: IncidentEvent | null;
  pending: Promise<IncidentEvent>;
}

/** Enough for a long offline spell; past it, events are signed when pushed, as without this. */
const DEFAULT_LIMIT = 20_000;

/** The parts of an event that may differ between two forms of it with the same id (the outgoing marks). */
function printOf(event: IncidentEvent): string {
  return `${event.id}|${event.hlc}|${event.actor.deviceId}|${event.imported ? JSON.stringify(event.imported) : ''}|${event.relayed ? JSON.stringify(event.relayed) : ''}`;
}

export class SignaturesAhead {
  private readonly ahead = new Map<string, Ahead>();

  constructor(private readonly signer: EventSigner, private readonly limit = DEFAULT_LIMIT) {}

  /** Start signing these events (in the form they will be pushed). Never throws: a failure leaves it to the push. */
  prepare(events: readonly IncidentEvent[]): void {
    for (const event of events) {
      if (this.ahead.size >= this.limit) return;
      if (this.ahead.has(event.id)) continue;
      const entry: Ahead = { print: printOf(event), signed: null, pending: this.signer.sign(event) };
      entry.pending.then((signed) => { entry.signed = signed; }, () => { if (this.ahead.get(event.id) === entry) this.ahead.delete(event.id); });
      this.ahead.set(event.id, entry);
    }
  }

  /** The signed forms of all of `events` when every one is signed already (no waiting), else null. */
  ready(events: readonly IncidentEvent[]): IncidentEvent[] | null {
    const out: IncidentEvent[] = [];
    for (const event of events) {
      const entry = this.ahead.get(event.id);
      if (!entry?.signed || entry.print !== printOf(event)) return null;
      out.push(entry.signed);
    }
    return out;
  }

  /** Every event signed: those made ahead as they were (waiting for any still being made), the rest now. */
  sign(events: readonly IncidentEvent[]): Promise<IncidentEvent[]> {
    return Promise.all(events.map((event) => {
      const entry = this.ahead.get(event.id);
      if (entry && entry.print === printOf(event)) return entry.signed ?? entry.pending.catch(() => this.signer.sign(event));
      return this.signer.sign(event);
    }));
  }

  /** The server has these: their signatures are not needed again. */
  forget(ids: readonly string[]): void {
    for (const id of ids) this.ahead.delete(id);
  }
}
