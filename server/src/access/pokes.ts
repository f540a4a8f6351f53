// The realtime gate of restricted incidents: a console is poked when something it may read arrived, or when what it
// may read changed (so it purges or reads back at once); activity in a restricted incident it is not in pokes it
// not at all. A poke carries the events it announces only while nobody in the workspace is kept from anything (and
// nobody has a change of access to learn); otherwise what a console receives is decided by the pull.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { PokeGate, PokeSink } from '../realtime/hub';
import { accessForPoke } from './load';

export function accessPokeGate(db: Kysely<Database>): PokeGate {
  /** Per workspace, the newest seq a poke was gated for. */
  const gated = new Map<string, number>();
  /** Per socket, what it was last poked as hidden from it (a change pokes it). */
  const told = new WeakMap<PokeSink, string>();

  return async (workspace, seq, sinks, epoch) => {
    // The first poke of a workspace on this instance is judged by its newest row only (a poke is a hint).
    const from = gated.get(workspace) ?? Math.max(0, seq - 1);
    const access = await accessForPoke(db, workspace, epoch);
    gated.set(workspace, Math.max(from, seq));
    const hiddenOf = new Map<PokeSink, Set<string>>();
    let anyHidden = false;
    for (const sink of sinks) {
      if (!sink.reader) continue;
      const hidden = access.hiddenFor(sink.reader);
      hiddenOf.set(sink, new Set(hidden));
      anyHidden ||= hidden.length > 0 || (told.get(sink) ?? '') !== '';
    }
    if (!anyHidden) return { sinks, carry: true };
    const streams = seq > from
      ? (await sql<{ incident_id: string }>`select distinct incident_id from events
          where workspace_id = ${workspace} and seq > ${String(from)}::bigint and seq <= ${String(seq)}::bigint`.execute(db)).rows.map((r) => r.incident_id)
      : [];
    const chosen = sinks.filter((sink) => {
      const hidden = hiddenOf.get(sink);
      if (!hidden) return true;
      const key = [...hidden].join(',');
      const changed = (told.get(sink) ?? '') !== key;
      told.set(sink, key);
      return changed || streams.some((s) => !hidden.has(s));
    });
    // Someone may not read everything, or must learn of a change: the pull decides what each receives.
    return { sinks: chosen, carry: false };
  };
}
