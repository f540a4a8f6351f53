// Which drills screen is showing (UI-only state, not persisted).
import { create } from 'zustand';

export type DrillView =
  | { kind: 'home' }
  | { kind: 'edit'; scriptId: string | null }
  | { kind: 'facilitate'; incidentId: string }
  | { kind: 'debrief'; incidentId: string }
  | { kind: 'log' };

interface DrillUi { view: DrillView; show(view: DrillView): void }

export const useDrillUi = create<DrillUi>((set) => ({
  view: { kind: 'home' },
  show: (view) => set({ view }),
}));
