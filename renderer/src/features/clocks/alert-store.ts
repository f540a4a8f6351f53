// UI state of clock alerts (zustand): what each incident is alerting now, and which keys were notified or acknowledged.
import { create } from 'zustand';
import type { Clock } from '@shared/clocks/types';
import { readLocal, writeLocal } from '../../platform';
import type { IncidentTopClock } from './alerts';

export interface ActiveAlert {
  key: string;
  incidentId: string;
  incidentTitle: string;
  severity: string | null;
  /** A drill's alert: marked DRILL everywhere and never shown on a real incident's console or wall. */
  drill: boolean;
  clock: Clock;
}

const STORAGE_KEY = 'incident-console.clock-alerts';
const MAX_KEYS = 500;

interface Persisted { notified: string[]; acknowledged: string[] }

function load(): Persisted {
  const raw = readLocal(STORAGE_KEY);
  if (raw && typeof raw === 'object') {
    const r = raw as Record<string, unknown>;
    const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
    return { notified: strings(r.notified), acknowledged: strings(r.acknowledged) };
  }
  return { notified: [], acknowledged: [] }; // nothing or unreadable: start fresh
}

/** Storage full or private mode: alerts may repeat after a reload. */
function save(p: Persisted) {
  writeLocal(STORAGE_KEY, { notified: p.notified.slice(-MAX_KEYS), acknowledged: p.acknowledged.slice(-MAX_KEYS) });
}

interface AlertState {
  /** Alerting clocks per incident, reported by each incident's watcher. */
  byIncident: Record<string, ActiveAlert[]>;
  tops: Record<string, IncidentTopClock | null>;
  notified: ReadonlySet<string>;
  acknowledged: ReadonlySet<string>;
  report(incidentId: string, alerts: ActiveAlert[], top: IncidentTopClock | null): void;
  forget(incidentId: string): void;
  /** True the first time a key is seen (the caller then notifies). */
  claimNotification(key: string): boolean;
  acknowledge(key: string): void;
}

const initial = load();

export const useClockAlerts = create<AlertState>((set, get) => ({
  byIncident: {},
  tops: {},
  notified: new Set(initial.notified),
  acknowledged: new Set(initial.acknowledged),
  report: (incidentId, alerts, top) => set((s) => ({ byIncident: { ...s.byIncident, [incidentId]: alerts }, tops: { ...s.tops, [incidentId]: top } })),
  forget: (incidentId) => set((s) => {
    const byIncident = { ...s.byIncident };
    const tops = { ...s.tops };
    delete byIncident[incidentId];
    delete tops[incidentId];
    return { byIncident, tops };
  }),
  claimNotification: (key) => {
    const s = get();
    if (s.notified.has(key)) return false;
    const notified = new Set(s.notified).add(key);
    set({ notified });
    save({ notified: [...notified], acknowledged: [...s.acknowledged] });
    return true;
  },
  acknowledge: (key) => {
    const s = get();
    const acknowledged = new Set(s.acknowledged).add(key);
    set({ acknowledged });
    save({ notified: [...s.notified], acknowledged: [...acknowledged] });
  },
}));
