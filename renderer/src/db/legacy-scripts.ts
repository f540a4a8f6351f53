// Reads the drill scripts of the separate database they had before the one Dexie database held them (schema v4).
import Dexie from 'dexie';
import type { DrillScriptRow } from './types';

export const LEGACY_SCRIPTS_DB = 'incident-console-drill-scripts';

/** Every row of the old scripts database as it was stored (validated when read for use); [] when it never existed. */
export async function readLegacyScripts(name: string): Promise<DrillScriptRow[]> {
  if (!(await Dexie.exists(name))) return [];
  const legacy = new Dexie(name);
  legacy.version(1).stores({ scripts: 'id' });
  try {
    const rows = await legacy.table('scripts').toArray();
    return rows.filter((row): row is DrillScriptRow => typeof row === 'object' && row !== null && typeof (row as { id?: unknown }).id === 'string');
  } finally {
    legacy.close();
  }
}
