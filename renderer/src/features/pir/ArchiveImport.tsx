// Importing an incident archive: validated and hash-checked first; either every event lands or none.
import { useState, type ChangeEvent } from 'react';
import { importArchive } from '@shared/pir/archive';
import { describeSignatures } from '@shared/pir/archive-signatures';
import { archiveStore } from '../../db/import';
import { plural } from '../../core/format';

export function ArchiveImport({ onImported }: { onImported?: (incidentId: string) => void }) {
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const pick = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    setBusy(true);
    try {
      const outcome = await importArchive(archiveStore(), await file.text());
      if (outcome.ok) {
        const signed = `Signatures: ${describeSignatures(outcome.signatures)}.`;
        setResult({ ok: true, text: `${outcome.added ? `Imported ${plural(outcome.added, 'event')} from ${file.name}${outcome.alreadyPresent ? ` (${outcome.alreadyPresent} ${outcome.alreadyPresent === 1 ? 'was' : 'were'} already here)` : ''}.` : `Nothing new in ${file.name}: every event is already here.`} ${signed}` });
        onImported?.(outcome.incidentId);
      } else {
        setResult({ ok: false, text: `Refused ${file.name}: ${outcome.error}. Nothing was imported.` });
      }
    } catch (err) {
      setResult({ ok: false, text: `Import failed: ${err instanceof Error ? err.message : String(err)}. Nothing was imported.` });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="archive-import">
      <label>Import incident archive <input type="file" accept=".json,application/json" onChange={(e) => void pick(e)} disabled={busy} /></label>
      {result && <p role={result.ok ? 'status' : 'alert'} className={result.ok ? 'muted' : 'error'}>{result.text}</p>}
    </div>
  );
}
