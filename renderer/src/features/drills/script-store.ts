// The facilitator's drill scripts on this device: the plan's defaults plus saved/imported ones (saved win by id),
// kept in the app database's drillScripts table.
import { useLiveQuery } from 'dexie-react-hooks';
import { defaultScripts } from '@shared/drills/default-scripts';
import { drillScriptSchema, type DrillScript } from '@shared/drills/script';
import { db } from '../../db/instance';
import type { DrillScriptRow } from '../../db/types';

export interface ScriptListItem { script: DrillScript; source: 'default' | 'saved' | 'edited default' }

function merge(rows: DrillScriptRow[]): ScriptListItem[] {
  const defaults = new Set(defaultScripts.map((s) => s.id));
  const saved = new Map<string, DrillScript>();
  // Rows are re-validated on read: an old or tampered row is skipped rather than crashing the page.
  for (const row of rows) {
    const parsed = drillScriptSchema.safeParse(row.script);
    if (parsed.success) saved.set(row.id, parsed.data);
  }
  const out: ScriptListItem[] = defaultScripts.map((s) => {
    const edited = saved.get(s.id);
    return edited ? { script: edited, source: 'edited default' } : { script: s, source: 'default' };
  });
  for (const [id, script] of saved) if (!defaults.has(id)) out.push({ script, source: 'saved' });
  return out;
}

/** Every script, defaults first; undefined while loading. */
export function useScripts(): ScriptListItem[] | undefined {
  const rows = useLiveQuery(() => db.drillScripts.toArray(), []);
  return rows ? merge(rows) : undefined;
}

export async function saveScripts(scripts: DrillScript[]): Promise<void> {
  const savedAt = Date.now();
  await db.drillScripts.bulkPut(scripts.map((script) => ({ id: script.id, script, savedAt })));
}

/** Deletes a saved script; for an edited default this restores the shipped version. */
export async function deleteScript(id: string): Promise<void> {
  await db.drillScripts.delete(id);
}

export function findScript(items: ScriptListItem[] | undefined, id: string | null): DrillScript | null {
  return items?.find((i) => i.script.id === id)?.script ?? null;
}
