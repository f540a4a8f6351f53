// The hosted status page as plain HTML: readable without JavaScript, on a phone, with a screen reader (one
// h1, landmarks, statuses in words and not only colour, <time> for every instant).
import { escapeHtml as esc } from '../public/escape';
import type { ApiComponent, ApiIncident, ApiMaintenance, StatusPageModel } from '@shared/statuspage/view';
import { activeMaintenances, upcomingMaintenances } from '@shared/statuspage/maintenance-view';

const COMPONENT_WORDS: Record<ApiComponent['status'], string> = {
  operational: 'Operational', degraded_performance: 'Degraded performance', partial_outage: 'Partial outage', major_outage: 'Major outage',
  under_maintenance: 'Under maintenance',
};
const MAINTENANCE_WORDS: Record<ApiMaintenance['status'], string> = { scheduled: 'Scheduled', in_progress: 'In progress', verifying: 'Verifying', completed: 'Completed' };
const INCIDENT_WORDS: Record<ApiIncident['status'], string> = { investigating: 'Investigating', identified: 'Identified', monitoring: 'Monitoring', resolved: 'Resolved' };

function time(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  const text = `${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 16)} UTC`;
  return `<time datetime="${esc(d.toISOString())}">${text}</time>`;
}

function incidentHtml(i: ApiIncident, current: boolean): string {
  const affected = i.components.map((c) => esc(c.name)).join(', ');
  const facts = [
    `<dt>Started</dt><dd>${time(i.started_at)}</dd>`,
    `<dt>Status</dt><dd>${INCIDENT_WORDS[i.status]}</dd>`,
    `<dt>Affected services</dt><dd>${affected || 'None listed'}</dd>`,
    ...(current ? [
      `<dt>Estimated resolution</dt><dd>${time(i.estimated_resolution_at) || 'Not yet estimated'}</dd>`,
      `<dt>Next update</dt><dd>${time(i.next_update_at) || 'Not scheduled'}</dd>`,
    ] : [`<dt>Resolved</dt><dd>${time(i.resolved_at)}</dd>`]),
  ].join('');
  const updates = i.incident_updates.map((u) => `<li><p class="when"><strong>${INCIDENT_WORDS[u.status]}</strong> · ${time(u.display_at)}</p><p class="body">${esc(u.body)}</p></li>`).join('');
  return `<article class="incident impact-${i.impact}" id="incident-${esc(i.id)}" aria-labelledby="t-${esc(i.id)}">
<h3 id="t-${esc(i.id)}">${esc(i.name)}</h3><dl>${facts}</dl>
<h4>Updates</h4><ol class="updates">${updates}</ol></article>`;
}

function maintenanceHtml(m: ApiMaintenance): string {
  const affected = m.components.map((c) => esc(c.name)).join(', ');
  const updates = m.incident_updates.map((u) => `<li><p class="when"><strong>${MAINTENANCE_WORDS[u.status]}</strong> · ${time(u.display_at)}</p><p class="body">${esc(u.body)}</p></li>`).join('');
  return `<article class="incident maintenance" id="maintenance-${esc(m.id)}" aria-labelledby="t-${esc(m.id)}">
<h3 id="t-${esc(m.id)}">${esc(m.name)}</h3><dl><dt>Status</dt><dd>${MAINTENANCE_WORDS[m.status]}</dd>
<dt>Window</dt><dd>${time(m.scheduled_for)} to ${time(m.scheduled_until)}</dd><dt>Affected services</dt><dd>${affected || 'None listed'}</dd></dl>
<h4>Updates</h4><ol class="updates">${updates}</ol></article>`;
}

/** The page's one inline style; its hash is its CSP's only style source (public/headers.ts). */
export const STATUS_STYLE = `
:root{color-scheme:light dark;--fg:#1a1a1a;--bg:#fff;--muted:#555;--line:#d0d0d0;--ok:#0a6b2d;--minor:#8a5a00;--major:#b3400a;--crit:#b00020;--maint:#1f5fa8}
@media (prefers-color-scheme:dark){:root{--fg:#f0f0f0;--bg:#121212;--muted:#bbb;--line:#444;--ok:#6fdc8c;--minor:#f5c24a;--major:#ff9a5c;--crit:#ff8a8a;--maint:#8ab8ff}}
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);background:var(--bg)}
main{max-width:52rem;margin:0 auto;padding:1rem}h1{font-size:1.6rem;margin:.5rem 0}h2{font-size:1.25rem;margin:1.5rem 0 .5rem}
h3{font-size:1.1rem;margin:0 0 .5rem;overflow-wrap:anywhere}h4{font-size:1rem;margin:.75rem 0 .25rem}
.drill{background:#0b2e6b;color:#fff;padding:.5rem 1rem;font-weight:700}
.banner{border:2px solid var(--line);border-left-width:.5rem;padding:.75rem 1rem;font-size:1.15rem;font-weight:600}
.banner.none{border-color:var(--ok)}.banner.maintenance{border-color:var(--maint)}.banner.minor{border-color:var(--minor)}.banner.major{border-color:var(--major)}.banner.critical{border-color:var(--crit)}
.components{list-style:none;padding:0;margin:0;border:1px solid var(--line)}.component{display:flex;flex-wrap:wrap;justify-content:space-between;gap:.5rem;padding:.6rem 1rem;border-top:1px solid var(--line)}
.component:first-child{border-top:0}.state{font-weight:600}.s-operational .state{color:var(--ok)}.s-degraded_performance .state{color:var(--minor)}.s-partial_outage .state{color:var(--major)}.s-major_outage .state{color:var(--crit)}.s-under_maintenance .state{color:var(--maint)}
.incident{border:1px solid var(--line);padding:.75rem 1rem;margin:0 0 1rem}dl{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;margin:0}dt{color:var(--muted)}dd{margin:0;overflow-wrap:anywhere}
.updates{list-style:none;padding:0;margin:0}.updates li{border-top:1px solid var(--line);padding:.5rem 0}.when{margin:0;color:var(--muted)}.body{margin:.25rem 0 0;white-space:pre-wrap;overflow-wrap:anywhere}
@media (max-width:30rem){dl{grid-template-columns:1fr}dt{margin-top:.35rem}}
footer{color:var(--muted);font-size:.9rem;margin-top:2rem}
.subscribe{border:1px solid var(--line);padding:.75rem 1rem;margin:1.5rem 0 0}.subscribe h2{margin-top:0}.subscribe label{display:block;font-weight:600}
.subscribe input[type=email]{font:inherit;width:100%;max-width:24rem;padding:.5rem;margin:.25rem 0 .75rem;border:1px solid var(--muted);border-radius:.25rem;background:var(--bg);color:var(--fg)}
.subscribe fieldset{border:0;padding:0;margin:0 0 .75rem}.subscribe legend{font-weight:600;padding:0}.subscribe .choice{display:flex;gap:.5rem;align-items:center;font-weight:400;padding:.2rem 0}
.subscribe input[type=checkbox]{width:1.25rem;height:1.25rem}.subscribe button{font:inherit;font-weight:700;padding:.6rem 1.25rem;border:0;border-radius:.25rem;background:#0b5cad;color:#fff;cursor:pointer}
.subscribe button:focus-visible,.subscribe input:focus-visible{outline:3px solid #f5c24a;outline-offset:2px}.hint{color:var(--muted);margin:.25rem 0 .5rem}
`;

function subscribeHtml(components: ApiComponent[]): string {
  const choices = components.map((c) => `<label class="choice"><input type="checkbox" name="component" value="${esc(c.id)}"> ${esc(c.name)}</label>`).join('');
  return `<section aria-labelledby="h-subscribe" class="subscribe"><h2 id="h-subscribe">Get updates by email</h2>
<form method="post" action="/status/subscribe"><label for="subscribe-email">Email address</label>
<input id="subscribe-email" name="email" type="email" required autocomplete="email" maxlength="320" placeholder="name@example.com">
${components.length ? `<fieldset><legend>Components</legend><p class="hint">Tick the ones you care about; none ticked means every component.</p>${choices}</fieldset>` : ''}
<button type="submit">Subscribe</button></form>
<p class="hint">We email you a link to confirm. Every update email has a one-click unsubscribe link; unsubscribing deletes your address.</p></section>`;
}

export function renderStatusPage(model: StatusPageModel, options: { drill: boolean; subscribe?: boolean }): string {
  const current = model.incidents.filter((i) => i.status !== 'resolved');
  const past = model.incidents.filter((i) => i.status === 'resolved').slice(0, 20);
  const active = activeMaintenances(model.scheduled_maintenances);
  const upcoming = upcomingMaintenances(model.scheduled_maintenances).reverse(); // soonest first
  const maintenance = [
    active.length ? `<section aria-labelledby="h-maint-now"><h2 id="h-maint-now">Maintenance in progress</h2>${active.map(maintenanceHtml).join('')}</section>` : '',
    upcoming.length ? `<section aria-labelledby="h-maint-next"><h2 id="h-maint-next">Scheduled maintenance</h2>${upcoming.map(maintenanceHtml).join('')}</section>` : '',
  ].join('');
  const components = model.components.length
    ? `<ul class="components">${model.components.map((c) => `<li class="component s-${c.status}"><span class="name">${esc(c.name)}</span><span class="state">${COMPONENT_WORDS[c.status]}</span></li>`).join('')}</ul>`
    : '<p>No components are listed in the response plan.</p>';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">
<title>${esc(model.page.name)}</title>
<style>${STATUS_STYLE}</style></head><body>
${options.drill ? '<p class="drill" role="note">DRILL: exercise updates only. Nothing on this page went to real users.</p>' : ''}
<main>
<h1>${esc(model.page.name)}</h1>
<p class="banner ${model.status.indicator}" role="status">${esc(model.status.description)}</p>
<section aria-labelledby="h-current"><h2 id="h-current">Current incidents</h2>${current.length ? current.map((i) => incidentHtml(i, true)).join('') : '<p>No incidents right now.</p>'}</section>
${maintenance}
<section aria-labelledby="h-components"><h2 id="h-components">Components</h2>${components}</section>
${options.subscribe ? subscribeHtml(model.components) : ''}
<section aria-labelledby="h-past"><h2 id="h-past">Past incidents</h2>${past.length ? past.map((i) => incidentHtml(i, false)).join('') : '<p>No past incidents.</p>'}</section>
<footer>Updated ${time(model.page.updated_at)}. Machine-readable: <a href="${options.drill ? '/status/drill' : ''}/api/v2/summary.json">summary.json</a>.</footer>
</main></body></html>`;
}
