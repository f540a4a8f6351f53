// The team stream (published plan, contacts) kept folded in memory: one live query and one foldTeam per
// change, shared by every component that reads the team's plan or contact sheet.
import { liveQuery, type Subscription } from 'dexie';
import { TEAM_STREAM_ID } from '@shared/workspace/streams';
import { foldTeam, type TeamState } from '@shared/workspace/team';
import type { IncidentDb } from './schema';
import { eventOfRow } from './types';

export class LiveTeam {
  private state: TeamState | undefined;
  private readonly listeners = new Set<() => void>();
  private subscription: Subscription | null = null;

  constructor(private readonly db: IncidentDb) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    // The team stream is small and read on almost every screen: once started it stays subscribed.
    this.subscription ??= liveQuery(() => this.db.events.where('incidentId').equals(TEAM_STREAM_ID).toArray())
      .subscribe({
        next: (rows) => { this.state = foldTeam(rows.map(eventOfRow)); for (const l of this.listeners) l(); },
        error: (error: unknown) => { console.error('team stream query failed', error); },
      });
    return () => { this.listeners.delete(listener); };
  };

  /** Undefined until the first read finished; then a stable object until the next change. */
  getSnapshot = (): TeamState | undefined => this.state;
}

const registry = new WeakMap<IncidentDb, LiveTeam>();

export function liveTeam(db: IncidentDb): LiveTeam {
  let live = registry.get(db);
  if (!live) { live = new LiveTeam(db); registry.set(db, live); }
  return live;
}
