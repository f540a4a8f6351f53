// In the attention strip of the person who was paged for a role or assigned one by someone else: what they were
// asked for, by whom and when, and Acknowledge, which meets the plan's response target for everyone (issue #23).
import type { IncidentState } from '@shared/incident/state';
import { awaitingMyAcknowledgement } from '@shared/incident/acknowledgement';
import type { Plan } from '@shared/plan/schema';
import { timeOnDay } from '../../core/format';
import { useCommand } from '../../core/useCommand';
import { useIdentity } from '../../db/hooks';
import { acknowledgeAsResponder } from './commands';

export function AcknowledgeNotice({ state, plan, now }: { state: IncidentState; plan: Plan; now: number }) {
  const me = useIdentity().name;
  const ack = useCommand(acknowledgeAsResponder);
  const waiting = awaitingMyAcknowledgement(state, me);
  if (waiting.length === 0) return null;
  return (
    <>
      {waiting.map((r) => {
        const role = plan.roles.find((x) => x.id === r.roleId)?.name ?? r.roleId;
        const holder = state.roles[r.roleId]?.person ?? null;
        return (
          <article key={`${r.roleId}|${r.pageId ?? ''}`} className="attention-notice attention-notice-act" aria-label={`You are asked as ${role}`}>
            <p className="attention-text">
              <strong>{r.pageId ? 'You were paged' : 'You were assigned'} as {role}</strong> by {r.by} at {timeOnDay(r.at, now)}: acknowledge so the
              commander knows you are on it.
            </p>
            <span className="attention-actions">
              <button type="button" className="primary" disabled={ack.pending} onClick={() => void ack.run(state.id, me, r, holder)}>Acknowledge as {role}</button>
            </span>
            {ack.error && <p role="alert" className="error">{ack.error}</p>}
          </article>
        );
      })}
    </>
  );
}
