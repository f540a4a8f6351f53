// The acknowledge link's small pages, plain HTML without script (opened on a phone from an SMS or email):
// the confirm form, the result, and the refusals (unknown, used, expired) saying what to do instead.
import { escapeHtml as esc } from '../public/escape';
const utc = (d: Date) => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** The pages' one inline style; its hash is their CSP's only style source (public/headers.ts). */
export const ACK_STYLE = `
:root{color-scheme:light dark}*{box-sizing:border-box}body{margin:0;font:18px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif}
main{max-width:32rem;margin:0 auto;padding:1.25rem}h1{font-size:1.5rem;margin:.5rem 0 1rem}dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}
dt{opacity:.75}dd{margin:0;overflow-wrap:anywhere}button{font:inherit;font-weight:700;width:100%;padding:1rem;margin-top:1.25rem;border-radius:.5rem;border:0;background:#0b5cad;color:#fff;cursor:pointer}
button:focus-visible{outline:3px solid #f5c24a;outline-offset:2px}.note{opacity:.8}
`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">
<meta name="referrer" content="no-referrer"><meta name="robots" content="noindex">
<title>${esc(title)}</title>
<style>${ACK_STYLE}</style></head><body><main>${body}</main></body></html>`;
}

export interface AckView { title: string; severity: string | null; role: string; person: string; expiresAt: Date }

const facts = (v: AckView) => `<dl><dt>Incident</dt><dd>${esc(v.severity ? `[${v.severity}] ` : '')}${esc(v.title)}</dd>
<dt>Role</dt><dd>${esc(v.role)}</dd><dt>Paged</dt><dd>${esc(v.person)}</dd></dl>`;

export const confirmPage = (v: AckView, action: string) => page('Acknowledge the page', `<h1>Acknowledge the page</h1>${facts(v)}
<form method="post" action="${esc(action)}"><button type="submit">Acknowledge as ${esc(v.person)}</button></form>
<p class="note">This tells the incident commander you are on it and stops the response clock. The link works once, until ${utc(v.expiresAt)}.</p>`);

export const acknowledgedPage = (v: AckView, at: Date) => page('Acknowledged', `<h1>Acknowledged</h1>${facts(v)}
<p>Recorded at ${utc(at)}. The incident commander sees it now. Join the incident bridge.</p>`);

export const refusedPage = (heading: string, text: string) => page(heading, `<h1>${esc(heading)}</h1><p>${esc(text)}</p>`);
