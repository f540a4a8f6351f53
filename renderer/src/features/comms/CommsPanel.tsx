// Compose a stakeholder or user update from the incident state, preview it as its audience will see it, post it
// (update.posted restarts its clock); the history of past updates per audience below.
import { restrictedDeliveryRefusal } from '@shared/access/deliveries';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { IncidentState } from '@shared/incident/state';
import type { Plan } from '@shared/plan/schema';
import { useNow } from '../../core/useNow';
import { runCommand } from '../../core/useCommand';
import { useContacts, useIncidentPlan, useIncidentState } from '../../db/hooks';
import { platform } from '../../platform';
import { formatClockTime, formatTimeWithZone } from '../../core/format';
import { postUpdate } from './commands';
import { everPublic, publicTitleOf } from '@shared/statuspage/public-text';
import { SendOptions, allowedOnly, defaultStatusPage, noSend, outgoing, publicWords, sentVia, useOutboundChannels, useDeliveries, useUnsentIds, type ComposeContext, type OutgoingMessage, type SendChoice } from '../outbound';
import { Dialog } from '../../components/Dialog';
import { composeUpdate } from './template';
import { UpdateHistory } from './UpdateHistory';
import { MessageCard, UpdatePreview } from './UpdatePreview';
import './comms.css';

const readerTime = formatTimeWithZone;

export function CommsPanel({ incidentId }: { incidentId: string }) {
  const state = useIncidentState(incidentId);
  const plan = useIncidentPlan(state);
  return (
    <section className="panel comms" aria-label="Communications">
      <h2>Communications</h2>
      {state ? <Composer state={state} plan={plan} /> : <p>Loading…</p>}
    </section>
  );
}

function defaultAudience(plan: Plan, state: IncidentState): string {
  const cadences = plan.severities.find((s) => s.id === state.severity)?.updateCadences ?? [];
  return cadences[0]?.audience ?? plan.audiences[0]?.id ?? '';
}

/** Users hear through the status page, stakeholders in the incident channel, when the plan lists them. */
function defaultChannel(plan: Plan, audience: string): string {
  const channels = plan.communication.updateChannels;
  const preferred = audience === 'users'
    ? channels.find((c) => /status page/i.test(c))
    : channels.find((c) => c.toLowerCase().includes(plan.communication.channel.toLowerCase()));
  return preferred ?? channels[0] ?? '';
}

function Composer({ state, plan }: { state: IncidentState; plan: Plan }) {
  const now = useNow(15_000);
  const [audienceChoice, setAudience] = useState<string | null>(null);
  const audience = audienceChoice && plan.audiences.some((a) => a.id === audienceChoice) ? audienceChoice : defaultAudience(plan, state);
  const [channelChoice, setChannel] = useState<string | null>(null);
  const channels = plan.communication.updateChannels;
  const byHand = channelChoice && channels.includes(channelChoice) ? channelChoice : defaultChannel(plan, audience);
  /** null: the draft follows the template; a string once the commander edits it. */
  const [draft, setDraft] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [previewing, setPreviewing] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string; sent?: OutgoingMessage[] } | null>(null);
  /** The first public post of the incident waits here for the commander to confirm what becomes public. */
  const [confirming, setConfirming] = useState<OutgoingMessage[] | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const textRef = useRef<HTMLTextAreaElement>(null);
  // Posting refills the template at once (not at the next 15-second tick), so "Next update" counts from the post.
  const [postedAt, setPostedAt] = useState(0);
  const posting = useRef(false);
  // "Send via": null follows the incident (defaults from the plan) until the commander changes something.
  const [sendChoice, setSendChoice] = useState<SendChoice | null>(null);
  const contacts = useContacts() ?? [];
  const outbound = useOutboundChannels();
  const deliveries = useDeliveries(state);
  const unsent = useUnsentIds([...deliveries.values()].flat().map((l) => l.requestId));

  // "u" (outside a text field) and the desktop menu's "Post update" jump to the update text.
  useEffect(() => {
    const focusText = () => {
      textRef.current?.focus();
      textRef.current?.scrollIntoView({ block: 'nearest' });
    };
    const onKey = (e: KeyboardEvent) => {
      const t = e.target;
      const typing = t instanceof HTMLElement && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName));
      if (e.key !== 'u' || e.ctrlKey || e.metaKey || e.altKey || typing) return;
      e.preventDefault();
      focusText();
    };
    window.addEventListener('keydown', onKey);
    const offMenu = platform.onMenuCommand((command) => { if (command === 'post-update') focusText(); });
    return () => { window.removeEventListener('keydown', onKey); offMenu(); };
  }, []);

  // A draft edited under one status is stale under the next (a resolved incident must not go out as "being
  // assessed"): a status change puts the composer back on the template for the new status.
  useEffect(() => { setDraft(null); }, [state.status]);

  const events = state.systemTimeline.map((e) => e.event);
  const publicTitle = publicTitleOf(plan, events);
  const template = composeUpdate({ plan, state, audience, now: Math.max(now, postedAt), formatTime: readerTime, publicTitle });
  const text = draft ?? template;
  const audienceName = plan.audiences.find((a) => a.id === audience)?.name ?? audience;
  // A restricted incident's updates go only where its plan allows (the server's rule too): the rest are shown, not offered.
  const refusal = (key: string) => restrictedDeliveryRefusal(plan, state, key);
  const send = allowedOnly(sendChoice ?? noSend(defaultStatusPage(plan, state, audience, now)), audience, refusal);
  // The update records where it actually goes: what the server sends it through, or (nothing sent) where the
  // commander says they posted it by hand.
  // Statuspage.io follows the status page only where the plan lets this incident's updates go.
  const statuspageIo = outbound.statuspageIo && refusal('statuspage-io') === null;
  const via = sentVia(send, audienceName, statuspageIo);
  const channel = via ?? byHand;
  const ctx: ComposeContext = { plan, state, audience, contacts, choice: send, statuspageIo, text, byHand, readerTime };
  const { messages } = outgoing(ctx);
  const words = publicWords(ctx);

  const post = async (e: FormEvent) => {
    e.preventDefault();
    // Ctrl+Enter submits even while the button is disabled: one post at a time.
    if (posting.current || confirming) return;
    await send_(false);
  };

  /** Post; the incident's first public post asks first, showing exactly what becomes public. */
  const send_ = async (confirmed: boolean) => {
    if (!text.trim()) { setMessage({ kind: 'error', text: 'The update is empty.' }); return; }
    const last = [...state.updates].filter((u) => u.audience === audience).sort((a, b) => b.at - a.at)[0];
    if (last && last.text.trim() === text.trim()) {
      setMessage({ kind: 'error', text: `This exact update was already posted to ${audienceName} at ${formatClockTime(last.at, false)}. Edit it to post again.` });
      return;
    }
    const { request, messages: going } = outgoing(ctx);
    if (request && 'error' in request) { setMessage({ kind: 'error', text: `Not posted: ${request.error}` }); return; }
    const publicOnes = going.filter((m) => m.public && m.kind !== 'by-hand');
    if (!confirmed && publicOnes.length > 0 && !everPublic(plan, events)) { setConfirming(publicOnes); return; }
    setConfirming(null);
    posting.current = true;
    setBusy(true);
    setMessage(null);
    // Re-fill the template at the moment of posting so "next update" counts from now.
    const final = draft ?? composeUpdate({ plan, state, audience, now: Date.now(), formatTime: readerTime, publicTitle });
    const outcome = await runCommand(postUpdate, state.id, { audience, channel, text: final }, request);
    if (outcome.ok) {
      setDraft(null);
      setSendChoice(null);
      setPostedAt(Date.now());
      setMessage({ kind: 'ok', text: `Posted to ${audienceName} via ${channel} at ${formatClockTime(Date.parse(outcome.value.recordedAt), false)}.`, sent: going });
      // The result stays in view, right under the button, not below the fold.
      requestAnimationFrame(() => resultRef.current?.scrollIntoView({ block: 'nearest' }));
    } else {
      // The text stays in the composer: a failed post keeps what was typed (or the template it was posted from).
      if (draft === null) setDraft(final);
      setMessage({ kind: 'error', text: outcome.failure?.message.replace(/^Not saved/, 'Not posted') ?? 'Not posted.' });
    }
    posting.current = false;
    setBusy(false);
  };

  return (
    <>
      <form className="comms-form" onSubmit={(e) => void post(e)} onFocus={outbound.refresh} aria-label="Compose update">
        <div className="comms-row">
          <label>
            Audience
            <select value={audience} onChange={(e) => { setAudience(e.target.value); setChannel(null); setDraft(null); setSendChoice(null); }}>
              {plan.audiences.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
            </select>
          </label>
          {via === null ? (
            <label>
              Channel (posted by hand)
              <select value={byHand} onChange={(e) => setChannel(e.target.value)}>
                {channels.map((c) => <option key={c} value={c}>{c}</option>)}
              </select>
            </label>
          ) : (
            <p className="comms-via"><span className="muted">Channel</span> <output aria-label="Channel">{via}</output></p>
          )}
        </div>
        <SendOptions plan={plan} audience={audience} contacts={contacts} drill={state.drill} chat={outbound.chat} value={send} words={words} refusal={refusal} onChange={setSendChoice} />
        <label className="comms-text">
          Update text
          <textarea ref={textRef} value={text} rows={8} aria-keyshortcuts="u Control+Enter" onChange={(e) => setDraft(e.target.value)}
            onKeyDown={(e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); e.currentTarget.form?.requestSubmit(); } }} />
        </label>
        <div className="comms-actions">
          <button type="submit" disabled={busy} aria-keyshortcuts="Control+Enter">Post update</button>
          <button type="button" aria-expanded={previewing} onClick={() => setPreviewing((p) => !p)}>Preview</button>
          <button type="button" onClick={() => setDraft(null)} disabled={draft === null}>Refill from incident</button>
          {draft !== null && <span className="muted">Edited: the template no longer follows the incident.</span>}
        </div>
        <div ref={resultRef}>
          {message && message.kind === 'error' && <p role="alert" className="error">{message.text}</p>}
          {message && message.kind === 'ok' && (
            <div role="status" className="comms-result">
              <p className="comms-posted">{message.text}</p>
              {message.sent && <ul aria-label="Where it went">{message.sent.map((m) => <li key={m.label}>{m.label}{m.kind === 'email' ? `: ${m.subject}` : m.kind === 'status-page' ? `: ${m.title}` : ''}</li>)}</ul>}
            </div>
          )}
        </div>
        {previewing && <UpdatePreview messages={messages} drill={state.drill} />}
      </form>
      {confirming && (
        <Dialog wide title="This becomes public" onClose={() => setConfirming(null)} footer={(
          <>
            <button type="button" className="primary" disabled={busy} onClick={() => void send_(true)}>Publish</button>
            <button type="button" onClick={() => setConfirming(null)}>Back to editing</button>
          </>
        )}>
          <p>The first public word on this incident. Customers read exactly this; check the title, the text and each component&apos;s state.</p>
          {confirming.map((m) => <MessageCard key={m.label} message={m} />)}
        </Dialog>
      )}
      <UpdateHistory state={state} plan={plan} now={now} deliveries={deliveries} unsent={unsent} />
    </>
  );
}
