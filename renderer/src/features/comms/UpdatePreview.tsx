// The preview is the message (issue #23): one card per place the update goes, as its readers will get it: the
// email's subject and who receives it (names on demand), the status page's public title, text and each component's
// state, each chat destination, or the channel it is posted in by hand. Public messages are marked as such.
import { useId, useState } from 'react';
import { plural } from '../../core/format';
import { COMPONENT_WORDS, STATUS_WORDS, type OutgoingMessage, type Recipient } from '../outbound';

function Recipients({ list, label }: { list: Recipient[]; label: string }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  if (list.length === 0) return <p className="error">No recipients: add addresses to the plan's distribution list or contacts with its roles.</p>;
  return (
    <div className="preview-recipients">
      <button type="button" className="link" aria-expanded={open} aria-controls={id} onClick={() => setOpen((x) => !x)}>
        {open ? 'Hide' : 'Show'} {plural(list.length, 'recipient')}
      </button>
      {open && (
        <ul id={id} aria-label={`Recipients of ${label}`}>
          {list.map((r) => <li key={r.address}>{r.name ? <>{r.name} <span className="muted">&lt;{r.address}&gt;</span></> : r.address}</li>)}
        </ul>
      )}
    </div>
  );
}

export function MessageCard({ message }: { message: OutgoingMessage }) {
  return (
    <article className={`preview-message${message.public ? ' preview-public' : ''}`} aria-label={message.label}>
      <header className="preview-head">
        <strong>{message.label}</strong>
        <span className={message.public ? 'badge public' : 'badge internal'}>{message.public ? 'Public' : 'Internal'}</span>
      </header>
      {message.kind === 'email' && (
        <>
          <p className="preview-field"><span className="muted">Subject</span> <output aria-label={`Subject of ${message.label}`}>{message.subject}</output></p>
          <Recipients list={message.recipients} label={message.label} />
        </>
      )}
      {message.kind === 'status-page' && (
        <>
          <p className="preview-field"><span className="muted">Title</span> <output aria-label="Public title">{message.title}</output></p>
          <p className="preview-field"><span className="muted">Status</span> {STATUS_WORDS[message.status]}</p>
          <table className="preview-components" aria-label="Component states">
            <tbody>
              {message.components.length === 0
                ? <tr><td className="error">No component ticked</td></tr>
                : message.components.map((c) => <tr key={c.id}><th scope="row">{c.name}</th><td>{COMPONENT_WORDS[c.state]}</td></tr>)}
            </tbody>
          </table>
          <p className="preview-field muted">{message.times.map((t) => `${t.label}: ${t.value}`).join(' · ')}</p>
        </>
      )}
      {message.kind === 'chat' && <p className="preview-field"><strong>{message.title}</strong></p>}
      <div className="comms-update-text" aria-label={`Text of ${message.label}`}>{message.text}</div>
    </article>
  );
}

export function UpdatePreview({ messages, drill }: { messages: OutgoingMessage[]; drill: boolean }) {
  return (
    <section className="comms-preview" aria-label="Preview of each message">
      {drill && <p className="muted">DRILL: goes only to the drill sandbox.</p>}
      {messages.map((m) => <MessageCard key={m.label} message={m} />)}
    </section>
  );
}
