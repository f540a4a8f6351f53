// The words the public reads (issue #23): an incident's public title and each status-page update's public text,
// filled from the plan's public template, never from the internal title (an alert name) or the stakeholder text.
// The console pre-fills the composer with them; the commander reads, edits and (the first time) confirms them.
import type { IncidentEvent } from '../incident/events';
import type { ComponentStatus, PublicIncidentStatus } from '../incident/events-delivery';
import type { Plan } from '../plan/schema';
import type { PublicTemplate } from '../plan/schema-outbound';

/** Wording for a plan without a public template (older and imported plans): neutral, and shown before it goes out. */
export const NEUTRAL_PUBLIC_TEMPLATE: PublicTemplate = {
  audiences: [],
  title: 'Service disruption',
  text: {
    investigating: 'We are investigating problems with {components}. Next update by {nextUpdate}.',
    identified: 'We have found the cause of the problems with {components} and are working on a fix. Next update by {nextUpdate}.',
    monitoring: 'A fix for {components} is in place and we are monitoring it. Next update by {nextUpdate}.',
    resolved: 'This incident is resolved: service is back to normal for {components}.',
  },
};

export function publicTemplateOf(plan: Plan): PublicTemplate {
  return plan.statusPage.publicTemplate ?? NEUTRAL_PUBLIC_TEMPLATE;
}

/** Whether an audience is the public (its email carries the public title). */
export function isPublicAudience(plan: Plan, audience: string): boolean {
  return publicTemplateOf(plan).audiences.includes(audience);
}

/** "Checkout", "Checkout and API", "Checkout, API and Search"; none: "our services". */
export function listNames(names: readonly string[]): string {
  if (names.length === 0) return 'our services';
  if (names.length === 1) return names[0] as string;
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** The public text of an update with this status, for these affected components, from the plan's template. */
export function publicText(plan: Plan, status: PublicIncidentStatus, components: Readonly<Record<string, ComponentStatus>>, nextUpdate: string | null): string {
  const names = plan.statusPage.components.filter((c) => components[c.id] !== undefined).map((c) => c.name);
  return publicTemplateOf(plan).text[status]
    .replaceAll('{components}', listNames(names))
    .replaceAll('{nextUpdate}', nextUpdate ?? 'the next update');
}

/** The last public title this incident's updates carried (it stays the incident's), else the plan template's. */
export function publicTitleOf(plan: Plan, events: Iterable<IncidentEvent>): string {
  let latest: { hlc: string; title: string } | null = null;
  for (const e of events) {
    if (e.type !== 'delivery.requested') continue;
    const title = e.payload.publicTitle;
    if (title && (!latest || e.hlc > latest.hlc)) latest = { hlc: e.hlc, title };
  }
  return latest?.title ?? publicTemplateOf(plan).title;
}

/** The incident's latest status-page request (by clock): its component states carry over to the next update. */
export function lastStatusPageRequest(events: Iterable<IncidentEvent>): { components: Record<string, ComponentStatus>; publicTitle: string | null } | null {
  let latest: Extract<IncidentEvent, { type: 'delivery.requested' }> | null = null;
  for (const e of events) {
    if (e.type === 'delivery.requested' && e.payload.statusPage && (!latest || e.hlc > latest.hlc)) latest = e;
  }
  if (!latest?.payload.statusPage) return null;
  return {
    components: Object.fromEntries(latest.payload.statusPage.components.map((c) => [c.id, c.status])),
    publicTitle: latest.payload.publicTitle ?? null,
  };
}

/** Whether anything of this incident was ever sent to the public (a status-page update or a public audience's email). */
export function everPublic(plan: Plan, events: Iterable<IncidentEvent>): boolean {
  for (const e of events) {
    if (e.type !== 'delivery.requested') continue;
    if (e.payload.targets.some((t) => t.channel === 'status-page' || t.channel === 'statuspage-io' || (t.channel === 'email' && isPublicAudience(plan, t.list)))) return true;
  }
  return false;
}
