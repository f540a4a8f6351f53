// The script editor's form state and its conversion to and from a script (validated by parseScript on save).
import type { DrillScript } from '@shared/drills/script';

export interface InjectDraft { id: string; atMinute: string; title: string; text: string; severity: string; updatesDue: string[]; checklist: string }
export interface Draft { id: string; title: string; scenarioId: string; expectedSeverity: string; openingSituation: string; injects: InjectDraft[] }

export function toDraft(script: DrillScript | null, fallbackScenario: string, fallbackSeverity: string): Draft {
  if (!script) return { id: '', title: '', scenarioId: fallbackScenario, expectedSeverity: fallbackSeverity, openingSituation: '', injects: [] };
  return {
    id: script.id, title: script.title, scenarioId: script.scenarioId, expectedSeverity: script.expectedSeverity, openingSituation: script.openingSituation,
    injects: script.injects.map((i) => ({
      id: i.id, atMinute: String(i.atMinute), title: i.title, text: i.text, severity: i.expected.severity ?? '',
      updatesDue: i.expected.updatesDue, checklist: i.expected.checklistItems.map((c) => `${c.stepId} ${c.itemId}`).join('\n'),
    })),
  };
}

export function fromDraft(d: Draft): unknown {
  return {
    id: d.id.trim(), title: d.title, scenarioId: d.scenarioId, expectedSeverity: d.expectedSeverity, openingSituation: d.openingSituation,
    injects: d.injects.map((i) => ({
      id: i.id.trim(), atMinute: i.atMinute.trim() === '' ? Number.NaN : Number(i.atMinute), title: i.title, text: i.text,
      expected: {
        ...(i.severity ? { severity: i.severity } : {}),
        updatesDue: i.updatesDue,
        checklistItems: i.checklist.split('\n').map((l) => l.trim()).filter(Boolean).map((l) => {
          const [stepId = '', itemId = ''] = l.split(/\s+/);
          return { stepId, itemId };
        }),
      },
    })),
  };
}
