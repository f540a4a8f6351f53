// The composer's "Send via" section: email to the audience's distribution list, the hosted status page
// with its status, affected components and their state, and the plan's five fields, and the chat destinations
// (incident bridge, #incidents) configured on the server.
import { recipientsFor, type ContactLike } from '@shared/delivery/recipients';
import { COMPONENT_STATUSES, PUBLIC_INCIDENT_STATUSES, type ComponentStatus, type PublicIncidentStatus } from '@shared/incident/events-delivery';
import type { Plan } from '@shared/plan/schema';
import { adapterOf } from '@shared/delivery/channels/registry';
import { chatLabel } from '@shared/delivery/channels-protocol';
import { targetLabel } from '@shared/delivery/describe';
import type { ChatChannel } from './useChannels';
import { choiceKey, type SendChoice, type StatusPageDraft } from './send-choice';
import { COMPONENT_WORDS, STATUS_WORDS } from './outgoing';
import './outbound.css';
import { plural } from '../../core/format';
import { DateTimeInput } from '../../core/DateTimeInput';
import { useSubscriberCount } from './useSubscriberCount';


interface Props {
  plan: Plan;
  audience: string;
  contacts: readonly ContactLike[];
  drill: boolean;
  /** Chat destinations configured on the server (names only). */
  chat: readonly ChatChannel[];
  value: SendChoice;
  /** The public title and status-page text as they will go (the commander's words, else the plan's template). */
  words: { title: string; body: string };
  /** Why a target key may not be sent to (a restricted incident's plan does not allow it), or null. */
  refusal(targetKey: string): string | null;
  onChange(next: SendChoice): void;
}

/** A destination the plan does not allow for this restricted incident: shown, not offered. */
const NOT_HERE = ' (not for a restricted incident)';

export function SendOptions({ plan, audience, contacts, drill, chat, value, words, refusal, onChange }: Props) {
  const recipients = recipientsFor(plan, audience, contacts);
  const audienceName = plan.audiences.find((a) => a.id === audience)?.name ?? audience;
  // The public's audience (Users, Customers) may also go to the status page's email subscribers.
  const publicAudience = /user|customer|public/i.test(`${audience} ${audienceName}`);
  const subscribers = useSubscriberCount(Object.keys(value.page.components), publicAudience && !drill);
  const setPage = (page: Partial<StatusPageDraft>) => onChange({ ...value, page: { ...value.page, ...page } });
  const setComponent = (id: string, status: ComponentStatus | null) => {
    const components = { ...value.page.components };
    if (status) components[id] = status; else delete components[id];
    setPage({ components });
  };
  const refused = {
    email: refusal(choiceKey.email(audience)), statusPage: refusal(choiceKey.statusPage), subscribers: refusal(choiceKey.subscribers),
  };
  const why = [refused.email, refused.statusPage, refused.subscribers, ...chat.map((c) => refusal(`${c.kind}:${c.name}`))].find((r) => r !== null);
  return (
    <fieldset className="send-via">
      <legend>Send via the server{drill ? ' (drill: to the drill sandbox only)' : ''}</legend>
      {why && (
        <p className="muted" role="note" aria-label="Where a restricted incident's updates go">
          {plan.visibility.restrictedDeliveries.length
            ? `This incident is restricted: its plan sends its updates only to ${plan.visibility.restrictedDeliveries.map(targetLabel).join(', ')} (plan: Restricted Incidents).`
            : 'This incident is restricted and its plan names no destination for restricted incidents: nothing is sent (plan: Restricted Incidents).'}
        </p>
      )}
      <div className="send-via-options">
        <label>
          <input type="checkbox" checked={value.email} disabled={refused.email !== null} onChange={(e) => onChange({ ...value, email: e.target.checked })} />
          {' '}Email to {audienceName} ({plural(recipients.length, 'recipient')}){refused.email && NOT_HERE}
        </label>
        <label>
          <input type="checkbox" checked={value.statusPage} disabled={refused.statusPage !== null} onChange={(e) => onChange({ ...value, statusPage: e.target.checked })} />
          {' '}Status page{refused.statusPage && NOT_HERE}
        </label>
        {publicAudience && !drill && (
          <label>
            <input type="checkbox" checked={value.subscribers} disabled={refused.subscribers !== null}
              onChange={(e) => onChange({ ...value, subscribers: e.target.checked, statusPage: value.statusPage || (e.target.checked && refused.statusPage === null) })} />
            {' '}Email to status-page subscribers {subscribers === null
              ? '(count unavailable: not connected to the server)'
              : `(${plural(subscribers, 'subscriber')}${Object.keys(value.page.components).length ? ' of the affected services' : ''})`}{refused.subscribers && NOT_HERE}
          </label>
        )}
        {chat.map((c) => {
          const key = `${c.kind}:${c.name}`;
          const on = value.chat.includes(key);
          const no = refusal(key);
          return (
            <label key={key}>
              <input type="checkbox" checked={on} disabled={no !== null} onChange={(e) => onChange({ ...value, chat: e.target.checked ? [...value.chat, key] : value.chat.filter((k) => k !== key) })} />
              {' '}{chatLabel(c.kind, c.name)}{no && NOT_HERE}
            </label>
          );
        })}
        {value.chat.some((k) => adapterOf(k.split(':', 1)[0] ?? '')?.mentions) && (
          <label>
            <input type="checkbox" checked={value.notifyHere ?? false} onChange={(e) => onChange({ ...value, notifyHere: e.target.checked })} />
            {' '}Notify everyone in the Slack channel (@here)
          </label>
        )}
      </div>
      {value.statusPage && (
        <div className="status-fields" role="group" aria-label="Status page fields">
          <label>
            Current status
            <select value={value.page.status} onChange={(e) => setPage({ status: e.target.value as PublicIncidentStatus, body: null })}>
              {PUBLIC_INCIDENT_STATUSES.map((s) => <option key={s} value={s}>{STATUS_WORDS[s]}</option>)}
            </select>
          </label>
          <label className="status-public-title">
            Public title (status page{plan.statusPage.publicTemplate?.audiences.length ? ' and customer email' : ''})
            <input value={words.title} maxLength={200} onChange={(e) => setPage({ title: e.target.value })} />
          </label>
          <label className="status-public-text">
            Public text (status page)
            <textarea rows={3} value={words.body} onChange={(e) => setPage({ body: e.target.value })} />
            {value.page.body !== null && <button type="button" className="small" onClick={() => setPage({ body: null })}>Refill from the plan&apos;s public template</button>}
          </label>
          <label>
            Start time
            <DateTimeInput value={value.page.startedAt} onChange={(v) => setPage({ startedAt: v })} />
          </label>
          <label>
            Estimated resolution time
            <DateTimeInput value={value.page.estimatedResolutionAt} onChange={(v) => setPage({ estimatedResolutionAt: v })} />
          </label>
          <label>
            Next update time
            <DateTimeInput value={value.page.nextUpdateAt} onChange={(v) => setPage({ nextUpdateAt: v })} />
          </label>
          <fieldset className="status-components">
            <legend>Affected services</legend>
            {plan.statusPage.components.length === 0 && <p className="muted">The plan lists no status-page components.</p>}
            {plan.statusPage.components.map((c) => {
              const state = value.page.components[c.id];
              return (
                <div key={c.id} className="status-component">
                  <label>
                    {/* Ticked, it starts from its current state (Operational) for the commander to set; never a guessed outage. */}
                    <input type="checkbox" checked={state !== undefined} onChange={(e) => setComponent(c.id, e.target.checked ? 'operational' : null)} />
                    {c.name}
                  </label>
                  {state !== undefined && (
                    <select aria-label={`${c.name} state`} value={state} onChange={(e) => setComponent(c.id, e.target.value as ComponentStatus)}>
                      {COMPONENT_STATUSES.map((s) => <option key={s} value={s}>{COMPONENT_WORDS[s]}</option>)}
                    </select>
                  )}
                </div>
              );
            })}
          </fieldset>
        </div>
      )}
    </fieldset>
  );
}
