// The maintenance stream (planned windows and the outcomes of their emails) kept folded in memory: one live query
// and one foldMaintenance per change, shared by the screens that read it (the Status page).
import { liveQuery, type Subscription } from 'dexie';
import type { IncidentEvent } from '@shared/incident/events';
import { foldMaintenance, type MaintenanceWindow } from '@shared/maintenance/windows';
import { MAINTENANCE_STREAM_ID } from '@shared/workspace/streams';
import type { IncidentDb } from './schema';
import { eventOfRow } from './types';

export interface MaintenanceStream {
  windows: MaintenanceWindow[];
  /** Every event of the stream (the windows' emails' outcomes are read from these). */
  events: IncidentEvent[];
}

export class LiveMaintenance {
  private state: MaintenanceStream | undefined;
  private readonly listeners = new Set<() => void>();
  private subscription: Subscription | null = null;

  constructor(private readonly db: IncidentDb) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    this.subscription ??= liveQuery(() => this.db.events.where('incidentId').equals(MAINTENANCE_STREAM_ID).toArray())
      .subscribe({
        next: (rows) => {
          const events = rows.map(eventOfRow);
          this.state = { windows: foldMaintenance(events), events };
          for (const l of this.listeners) l();
        },
        error: (error: unknown) => { console.error('maintenance stream query failed', error); },
      });
    return () => {
      this.listeners.delete(listener);
      // Read on one page only: stop the query when nobody looks (the next subscriber starts it again).
      if (this.listeners.size === 0) { this.subscription?.unsubscribe(); this.subscription = null; this.state = undefined; }
    };
  };

  /** Undefined until the first read finished; then a stable object until the next change. */
  getSnapshot = (): MaintenanceStream | undefined => this.state;
}

const registry = new WeakMap<IncidentDb, LiveMaintenance>();

export function liveMaintenance(db: IncidentDb): LiveMaintenance {
  let live = registry.get(db);
  if (!live) { live = new LiveMaintenance(db); registry.set(db, live); }
  return live;
}
