// The update as its audience will see it before it goes: who it is from, where it goes, the time in the reader's
// words and the text laid out as sent, so a wrong audience, channel or stale line is caught before posting.
import type { IncidentState } from '@shared/incident/state';
import type { Plan } from '@shared/plan/schema';

interface Props {
  state: IncidentState; plan: Plan; audienceName: string; channel: string; text: string;
  /** Where else it goes: "email to 4 recipients", "the status page". */
  also: string[];
  postedAtText: string;
}

export function UpdatePreview({ state, plan, audienceName, channel, text, also, postedAtText }: Props) {
  const severity = plan.severities.find((s) => s.id === state.severity);
  return (
    <section className="comms-preview" aria-label={`Preview: as ${audienceName} will see it`}>
      <p className="muted">
        To <strong>{audienceName}</strong> via {channel}{also.length ? `, and ${also.join(' and ')}` : ''} · posted {postedAtText}
        {state.drill ? ' · DRILL: goes only to the drill sandbox' : ''}
      </p>
      <article className="comms-preview-card">
        <header><strong>{state.drill ? 'DRILL: ' : ''}{state.title}</strong>{severity ? <span className="muted"> · {severity.id} {severity.name}</span> : null}</header>
        <div className="comms-update-text">{text}</div>
      </article>
    </section>
  );
}
