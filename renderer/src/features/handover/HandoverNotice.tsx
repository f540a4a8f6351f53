// The pending handover in the attention strip: on the incoming commander's console, "command is handed to you"
// with the briefing a click away and Accept after it; on every other console, that command waits for that person.
import { useState } from 'react';
import { samePerson } from '@shared/incident/authorship';
import type { IncidentState } from '@shared/incident/state';
import { pendingHandover } from '@shared/warroom/handover';
import { timeOnDay } from '../../core/format';
import { useIdentity } from '../../db/hooks';
import { HandoverDialog } from './HandoverDialog';

export function HandoverNotice({ state, now }: { state: IncidentState; now: number }) {
  const me = useIdentity().name;
  const [reading, setReading] = useState(false);
  const pending = pendingHandover(state);
  if (!pending) return null;
  const forMe = samePerson(pending.to, me);
  return (
    <article className={`attention-notice${forMe ? ' attention-notice-act' : ''}`} aria-label={forMe ? 'Command handover to you' : `Handover to ${pending.to} waiting`}>
      <p className="attention-text">
        {forMe
          ? <><strong>Command handover to you</strong> from {pending.from}, offered at {timeOnDay(pending.offeredAt, now)}: read the briefing and accept.</>
          : <><strong>Handover waiting:</strong> {pending.from} offered command to {pending.to} at {timeOnDay(pending.offeredAt, now)}; {pending.to} accepts on their own console.</>}
      </p>
      {forMe && (
        <span className="attention-actions">
          <button type="button" className="primary" onClick={() => setReading(true)}>Read the briefing and accept</button>
        </span>
      )}
      {forMe && reading && <HandoverDialog incidentId={state.id} handover={pending} me={me} onClose={() => setReading(false)} />}
    </article>
  );
}
