// The review as a clean document (what prints to PDF): the same content and order as the Markdown export.
import type { Plan } from '@shared/plan/schema';
import { formatDate, formatInstant, handoverHeading, listItems } from '@shared/pir/markdown';
import { acknowledgementText, minutesText, type PirModel } from '@shared/pir/model';

export function PirDocument({ pir, plan, timeZone }: { pir: PirModel; plan: Plan; timeZone: string }) {
  const category = pir.category ? plan.categories.find((c) => c.id === pir.category)?.name ?? pir.category : null;
  return (
    <article className="pir-document" aria-label="Review document">
      <h1>Post-Incident Review: {pir.title}</h1>
      <p className="pir-doc-meta">
        {[pir.severity && `Severity: ${pir.severity}`, category && `Category: ${category}`, `Detected: ${formatInstant(pir.detectedAt, timeZone)}`,
          pir.resolvedAt !== null && `Resolved: ${formatInstant(pir.resolvedAt, timeZone)}`, `Review status: ${pir.reviewStatus}`, pir.drill && 'DRILL']
          .filter(Boolean).join(' · ')}
      </p>
      {pir.sections.map((section) => {
        const [only] = section.fields;
        let body;
        if (section.id === 'timeline') {
          body = <ul>{pir.timeline.map((t, i) => <li key={i}>{formatInstant(t.at, timeZone)}: {t.label}</li>)}</ul>;
        } else if (section.id === 'action-items') {
          const items = pir.actionItems.filter((a) => a.status !== 'cancelled');
          body = items.length ? (
            <ol>{items.map((a) => (
              <li key={a.id}>{a.title} - Owner: {a.owner || 'unassigned'} - Deadline: {a.deadline !== null ? formatDate(a.deadline, timeZone) : 'none'}{a.status !== 'open' ? ` - Status: ${a.status}` : ''}</li>
            ))}</ol>
          ) : <p>No action items.</p>;
        } else if (section.fields.length === 1 && only?.kind === 'list') {
          const items = listItems(only.value);
          body = items.length ? <ol>{items.map((item, i) => <li key={i}>{item}</li>)}</ol> : <p className="placeholder">[{section.prompt}]</p>;
        } else if (section.fields.length === 1 && only) {
          body = only.value.trim() ? <p className="pre">{only.value}</p> : <p className="placeholder">[{section.prompt}]</p>;
        } else {
          body = (
            <ul>
              {section.fields.map((f) => <li key={f.id}>{f.label}: {f.value.trim() || 'not recorded'}</li>)}
              {section.id === 'response-effectiveness' && <li>{acknowledgementText(pir, (ms) => formatInstant(ms, timeZone))}</li>}
              {section.id === 'response-effectiveness' && pir.targets.filter((t) => t.targetMs !== null).map((t) => (
                <li key={t.label}>{t.label}: {t.met === null ? (pir.resolvedAt !== null ? 'not recorded' : 'pending') : t.met ? 'met' : 'missed'} (target {minutesText(t.targetMs)}{t.actualMs !== null ? `, took ${minutesText(t.actualMs)}` : ''})</li>
              ))}
              {section.id === 'response-effectiveness' && pir.cadence.filter((c) => c.owed > 0).map((c) => (
                <li key={c.audience}>Update cadence ({c.audienceName}): {c.onTime} of {c.owed} on time, {c.late} late, {c.missed} missed</li>
              ))}
            </ul>
          );
        }
        return <section key={section.id}><h2>{section.title}</h2>{body}</section>;
      })}
      {pir.handovers.length > 0 && (
        <section className="pir-doc-handovers">
          <h2>Command Handover Briefings (ICS-201)</h2>
          {pir.handovers.map((h) => <div key={h.id}><h3>{handoverHeading(h, timeZone)}</h3><pre className="pre">{h.briefing}</pre></div>)}
        </section>
      )}
    </article>
  );
}
