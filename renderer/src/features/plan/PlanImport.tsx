// The Plan page's Markdown actions: import a response plan document (file or pasted) into a review, export as Markdown.
import { useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import type { Plan } from '@shared/plan/schema';
import { exportPlanMarkdown } from '@shared/plan/markdown/export';
import { importPlanMarkdown, type ImportResult } from '@shared/plan/markdown/import';
import { checkSize } from '@shared/plan/markdown/parse';
import { platform } from '../../platform';
import { ImportReview } from './ImportReview';
import './plan-import.css';

type Read = { source: { name: string; text: string }; result: ImportResult };

export function PlanImport({ active }: { active: Plan }) {
  const [read, setRead] = useState<Read | null>(null);
  const [pasting, setPasting] = useState(false);
  const [pasted, setPasted] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const readText = (name: string, text: string) => {
    setNotice(null);
    setRead({ source: { name, text }, result: importPlanMarkdown(text) });
  };

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    // A file that is far too big is refused before it is read into memory.
    const tooBig = checkSize(file.size);
    if (tooBig) setRead({ source: { name: file.name, text: '' }, result: { ok: false, problems: [tooBig] } });
    else readText(file.name, await file.text());
  };

  const onPaste = (e: FormEvent) => {
    e.preventDefault();
    readText('the pasted text', pasted);
  };

  const exportMarkdown = async () => {
    const name = `${active.id}-${active.version}.md`.replace(/[^A-Za-z0-9._-]+/g, '-');
    const result = await platform.saveFile({ suggestedName: name, filters: [{ name: 'Plan (Markdown)', extensions: ['md'] }], content: exportPlanMarkdown(active) });
    if (result.saved) setNotice(`Exported the plan as Markdown${result.path ? ` to ${result.path}` : ` (${name})`}.`);
  };

  const failed = read && !read.result.ok ? read.result.problems : null;
  return (
    <section aria-label="Markdown plan" className="plan-markdown">
      <div className="plan-toolbar">
        <button type="button" onClick={() => fileInput.current?.click()}>Import from Markdown…</button>
        <input ref={fileInput} type="file" accept=".md,.markdown,.txt,text/markdown,text/plain" className="visually-hidden" aria-label="Import Markdown plan file" onChange={(e) => void onFile(e)} />
        <button type="button" aria-expanded={pasting} onClick={() => setPasting((p) => !p)}>Paste Markdown…</button>
        <button type="button" onClick={() => void exportMarkdown()}>Export as Markdown</button>
      </div>
      {pasting && (
        <form className="plan-paste" onSubmit={onPaste}>
          <label htmlFor="plan-paste-text">Markdown plan text</label>
          <textarea id="plan-paste-text" rows={8} value={pasted} onChange={(e) => setPasted(e.target.value)} />
          <button type="submit">Read pasted plan</button>
        </form>
      )}
      {failed && read && (
        <div role="alert" className="plan-notice error">
          <p>{read.source.name} was not imported: nothing changed, the active plan stays {active.name}, version {active.version}.</p>
          <ul className="plan-errors">
            {failed.map((p, i) => <li key={i}><strong>Line {p.line}:</strong> {p.message}. <span className="muted">Fix: {p.fix}</span></li>)}
          </ul>
          <button type="button" onClick={() => setRead(null)}>Dismiss</button>
        </div>
      )}
      {notice && <p role="status" className="plan-notice">{notice}</p>}
      {read?.result.ok && (
        <ImportReview
          key={`${read.source.name}:${read.source.text.length}`}
          draft={read.result.draft}
          source={read.source}
          active={active}
          onDiscard={() => setRead(null)}
          onPublished={(plan) => {
            setRead(null);
            setPasting(false);
            setNotice(`Published ${plan.name}, version ${plan.version}. It is now the active plan.`);
          }}
        />
      )}
    </section>
  );
}
