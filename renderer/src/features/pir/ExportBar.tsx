// Exports of one review: Markdown, PDF (print), timeline CSV and the full incident archive.
import { useState } from 'react';
import type { IncidentState } from '@shared/incident/state';
import type { Plan } from '@shared/plan/schema';
import { archiveText, buildArchive } from '@shared/pir/archive';
import { timelineCsv } from '@shared/pir/csv';
import { pirMarkdown } from '@shared/pir/markdown';
import type { PirModel } from '@shared/pir/model';
import { incidentEvents } from '../../db/import';
import { signedForArchive } from '../../db/archive-signing';
import { db } from '../../db/instance';
import { platform } from '../../platform';
import { exportName } from './files';

export function ExportBar({ state, plan, pir, timeZone }: { state: IncidentState; plan: Plan; pir: PirModel; timeZone: string }) {
  const [message, setMessage] = useState<string | null>(null);
  const run = async (label: string, action: () => Promise<{ saved: boolean; path?: string }>) => {
    try {
      const result = await action();
      setMessage(result.saved ? `${label} saved${result.path ? ` to ${result.path}` : ''}.` : `${label}: not saved.`);
    } catch (e) {
      setMessage(`${label} failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  return (
    <div className="pir-exports" role="group" aria-label="Export">
      <button type="button" onClick={() => void run('Markdown', () => platform.saveFile({
        suggestedName: exportName(state, 'pir', 'md'), content: pirMarkdown(pir, plan, { timeZone }), filters: [{ name: 'Markdown', extensions: ['md'] }],
      }))}>Export Markdown</button>
      <button type="button" onClick={() => void run('PDF', () => platform.printToPdf({ suggestedName: exportName(state, 'pir', 'pdf') }))}>Export PDF</button>
      <button type="button" onClick={() => void run('Timeline CSV', () => platform.saveFile({
        suggestedName: exportName(state, 'timeline', 'csv'), content: timelineCsv(state, plan), filters: [{ name: 'CSV', extensions: ['csv'] }],
      }))}>Export timeline CSV</button>
      <button type="button" onClick={() => void run('Archive', async () => {
        // Own events signed now; others' arrived signed. The archive names the keys, so it proves who wrote what.
        const { events, signers } = await signedForArchive(db, await incidentEvents(state.id));
        const archive = await buildArchive(state.id, plan, events, Date.now(), signers);
        return platform.saveFile({ suggestedName: exportName(state, 'archive', 'json'), content: archiveText(archive), filters: [{ name: 'Incident archive', extensions: ['json'] }] });
      })}>Export archive</button>
      {message && <span role="status" className="muted">{message}</span>}
    </div>
  );
}
