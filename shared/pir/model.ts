// The post-incident review as data: the plan's PIR sections pre-filled from the incident, with the
// reviewers' edits (pir.edited events) taking precedence over computed values.
import { ACK_RULE_TEXT, type Acknowledgement, type AckRule } from '../incident/acknowledgement';
import type { ActionItem, BreachRecord, IncidentState } from '../incident/state';
import { incidentMetrics, type IncidentMetrics } from '../metrics/incident-metrics';
import type { Plan, PirSection } from '../plan/schema';
import { toMinutes } from '../time/duration';
import { acceptedOnBehalf, handoversOf, type Handover } from '../warroom/handover';
import { plural } from '../text/plural';

export const REVIEW_STATUSES = ['draft', 'in-review', 'final'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];
export const REVIEW_STATUS_FIELD = 'reviewStatus';

export type PirTimelineSource =
  | 'detected' | 'acknowledged' | 'role' | 'severity' | 'status' | 'mitigated' | 'resolved' | 'root-cause' | 'starred';

export interface PirTimelineItem {
  at: number;
  source: PirTimelineSource;
  label: string;
  /** The event behind the line, when there is one. */
  eventId?: string;
}

export type PirFieldKind = PirSection['fields'][number]['kind'];

export interface PirField {
  id: string;
  label: string;
  kind: PirFieldKind;
  choices?: string[];
  /** What the review shows: the edit when there is one, else the computed value, else ''. */
  value: string;
  /** What the console computed or found in the incident (null when it has nothing to offer). */
  computed: string | null;
  /** A reviewer wrote this field (even if they wrote the same as the computed value). */
  edited: boolean;
}

export interface PirSectionModel {
  id: string;
  title: string;
  prompt: string;
  fields: PirField[];
}

export interface PirTargetLine {
  label: string;
  actualMs: number | null;
  targetMs: number | null;
  met: boolean | null;
}

export interface PirCadenceLine {
  audience: string;
  audienceName: string;
  owed: number;
  onTime: number;
  late: number;
  missed: number;
  ratio: number | null;
}

export interface PirModel {
  incidentId: string;
  title: string;
  severity: string | null;
  category: string | null;
  drill: boolean;
  detectedAt: number;
  resolvedAt: number | null;
  reviewStatus: ReviewStatus;
  sections: PirSectionModel[];
  timeline: PirTimelineItem[];
  metrics: IncidentMetrics;
  targets: PirTargetLine[];
  /** Who met the response target and how, with the rule the incident is judged by (older incidents keep theirs). */
  acknowledgement: { rule: AckRule; ruleText: string; person: string | null; via: Acknowledgement['via'] | null; at: number | null };
  cadence: PirCadenceLine[];
  actionItems: ActionItem[];
  breach: BreachRecord | null;
  /** Breach rules of the plan apply (a breach was recorded, or the category is one the regulation covers). */
  breachApplies: boolean;
  /** Every command handover with its ICS-201 briefing, oldest first (the review and its exports carry them). */
  handovers: Handover[];
}

export function reviewStatusOf(state: IncidentState): ReviewStatus {
  const value = state.pir[REVIEW_STATUS_FIELD];
  return (REVIEW_STATUSES as readonly string[]).includes(value ?? '') ? (value as ReviewStatus) : 'draft';
}

/** "42 minutes": the unit the plan's template uses for durations. */
export function minutesText(ms: number | null): string | null {
  if (ms === null) return null;
  const m = toMinutes(ms);
  return plural(m, 'minute');
}

/** A cadence compliance ratio as the plan's Good / Fair / Poor (a suggestion; reviewers may override). */
export function communicationRating(cadence: PirCadenceLine[]): 'Good' | 'Fair' | 'Poor' | null {
  const owed = cadence.reduce((n, c) => n + c.owed, 0);
  if (owed === 0) return null;
  const ratio = cadence.reduce((n, c) => n + c.onTime, 0) / owed;
  return ratio >= 0.9 ? 'Good' : ratio >= 0.6 ? 'Fair' : 'Poor';
}

const roleName = (plan: Plan, id: string) => plan.roles.find((r) => r.id === id)?.name ?? id;

/** Milestones of the response plus the entries the team starred for the review, in time order. */
export function pirTimeline(state: IncidentState, plan: Plan): PirTimelineItem[] {
  const items: PirTimelineItem[] = [];
  const opened = state.timeline.find((e) => e.type === 'incident.opened');
  if (state.impactStartedAt < state.detectedAt) items.push({ at: state.impactStartedAt, source: 'detected', label: 'Impact started' });
  items.push({ at: state.detectedAt, source: 'detected', label: 'Incident detected', eventId: opened?.id });
  // The root cause is identified when the status says so; failing that, when the review first names it.
  const identifiedByStatus = state.statusHistory.some((c) => c.status === 'identified');
  let rootCauseSeen = false;
  let previousSeverity: string | null = null;
  const handovers = new Map(handoversOf(state).map((h) => [h.id, h]));
  // When the response target was met, by the incident's acknowledgement rule (shared/incident/acknowledgement.ts).
  const ack = state.acknowledgement;
  if (ack) {
    const label = ack.via === 'role-assignment' ? 'Investigation started' : `Investigation started (acknowledged by ${ack.person}${ack.via === 'page-link' ? ' from the page link' : ''})`;
    items.push({ at: ack.at, source: 'acknowledged', label, eventId: ack.eventId });
  }
  for (const entry of state.timeline) {
    const event = entry.event;
    switch (event.type) {
      case 'incident.opened':
        previousSeverity = event.payload.severity ?? null;
        break;
      case 'role.assigned':
        items.push({ at: entry.occurredAt, source: 'role', label: `${roleName(plan, event.payload.roleId)} assigned: ${event.payload.person}`, eventId: event.id });
        break;
      case 'incident.classified':
      case 'severity.changed': {
        const to = event.type === 'severity.changed' ? event.payload.to : event.payload.severity;
        if (!to || to === previousSeverity) break;
        const reason = event.type === 'severity.changed' && event.payload.reason ? ` (${event.payload.reason})` : '';
        const label = previousSeverity ? `Severity changed from ${previousSeverity} to ${to}${reason}` : `Severity set to ${to}${reason}`;
        items.push({ at: entry.occurredAt, source: 'severity', label, eventId: event.id });
        previousSeverity = to;
        break;
      }
      case 'status.changed':
        if (event.payload.to === 'identified' && !rootCauseSeen) {
          rootCauseSeen = true;
          items.push({ at: entry.occurredAt, source: 'root-cause', label: 'Root cause identified', eventId: event.id });
        }
        if (event.payload.to === 'mitigating') items.push({ at: entry.occurredAt, source: 'status', label: 'Mitigation started', eventId: event.id });
        break;
      case 'command.handover-accepted': {
        const h = handovers.get(event.payload.handoverId);
        if (h && h.acceptedAt === entry.occurredAt) {
          const onBehalf = acceptedOnBehalf(h) ? ` (accepted on ${h.to}'s behalf by ${h.acceptedBy}, recorded before acceptance was bound to the incoming commander)` : '';
          items.push({ at: entry.occurredAt, source: 'role', label: `Command handed over${h.from ? ` from ${h.from}` : ''} to ${h.to}${onBehalf}`, eventId: event.id });
        }
        break;
      }
      case 'pir.edited':
        if (!identifiedByStatus && !rootCauseSeen && event.payload.field === 'rootCause' && event.payload.value.trim()) {
          rootCauseSeen = true;
          items.push({ at: entry.occurredAt, source: 'root-cause', label: 'Root cause identified', eventId: event.id });
        }
        break;
      default:
        break;
    }
    if (entry.starred && !entry.retracted && event.type !== 'incident.opened') {
      const text = entry.text ?? '';
      if (text) items.push({ at: entry.occurredAt, source: 'starred', label: text, eventId: event.id });
    }
  }
  if (state.mitigatedAt !== null) items.push({ at: state.mitigatedAt, source: 'mitigated', label: 'Mitigation implemented' });
  if (state.resolvedAt !== null) items.push({ at: state.resolvedAt, source: 'resolved', label: 'Incident resolved' });
  const order: Record<PirTimelineSource, number> = {
    detected: 0, acknowledged: 1, role: 2, severity: 3, status: 4, starred: 5, mitigated: 6, resolved: 7, 'root-cause': 8,
  };
  return items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => a.item.at - b.item.at || order[a.item.source] - order[b.item.source] || a.index - b.index)
    .map(({ item }) => item);
}

function computedValues(state: IncidentState, metrics: IncidentMetrics, cadence: PirCadenceLine[]): Record<string, string | null> {
  return {
    duration: minutesText(metrics.impactDuration),
    usersAffected: state.scope.trim() || null,
    detectionTime: minutesText(metrics.timeToDetect),
    responseTime: minutesText(metrics.responseTime),
    resolutionTime: minutesText(metrics.resolutionTime),
    communicationEffectiveness: communicationRating(cadence),
  };
}

/** The whole review of one incident at `now`. */
export function buildPir(state: IncidentState, plan: Plan, now: number): PirModel {
  const metrics = incidentMetrics(state, plan, now);
  const cadence: PirCadenceLine[] = metrics.cadence.map((c) => ({
    audience: c.audience,
    audienceName: plan.audiences.find((a) => a.id === c.audience)?.name ?? c.audience,
    owed: c.owed, onTime: c.onTime, late: c.late, missed: c.missed, ratio: c.ratio,
  }));
  const computed = computedValues(state, metrics, cadence);
  const sections: PirSectionModel[] = plan.pir.sections.map((section) => ({
    id: section.id,
    title: section.title,
    prompt: section.prompt,
    fields: section.fields.map((field) => {
      const edit = state.pir[field.id];
      const fromIncident = computed[field.id] ?? null;
      return {
        id: field.id, label: field.label, kind: field.kind, ...(field.choices ? { choices: field.choices } : {}),
        value: edit ?? fromIncident ?? '', computed: fromIncident, edited: edit !== undefined,
      };
    }),
  }));
  const rule = plan.compliance.breachNotification;
  return {
    incidentId: state.id,
    title: state.title,
    severity: state.severity,
    category: state.category,
    drill: state.drill,
    detectedAt: state.detectedAt,
    resolvedAt: state.resolvedAt,
    reviewStatus: reviewStatusOf(state),
    sections,
    timeline: pirTimeline(state, plan),
    metrics,
    targets: [
      { label: `Response target${state.severity ? ` (${state.severity})` : ''}`, actualMs: metrics.responseTime, targetMs: metrics.responseTargetMs, met: metrics.responseTargetMet },
      { label: `Resolution target${state.severity ? ` (${state.severity})` : ''}`, actualMs: metrics.resolutionTime, targetMs: metrics.resolutionTargetMs, met: metrics.resolutionTargetMet },
    ],
    acknowledgement: {
      rule: state.acknowledgementRule, ruleText: ACK_RULE_TEXT[state.acknowledgementRule],
      person: state.acknowledgement?.person ?? null, via: state.acknowledgement?.via ?? null, at: state.acknowledgement?.at ?? null,
    },
    cadence,
    actionItems: state.actionItems,
    breach: state.breach,
    breachApplies: state.breach !== null || (state.category !== null && (rule?.appliesToCategories.includes(state.category) ?? false)),
    handovers: handoversOf(state),
  };
}

/** Field ids a reviewer may write as pir.edited events: the plan's section fields plus the review status. */
export function editablePirFields(plan: Plan): string[] {
  return [...plan.pir.sections.flatMap((s) => s.fields.map((f) => f.id)), REVIEW_STATUS_FIELD];
}

const VIA_WORDS: Record<Acknowledgement['via'], string> = {
  'page-link': 'from the page link', console: 'on their own console', 'role-assignment': 'by a role assignment',
};

/**
 * The review's line on acknowledgement: who, how and when, and the rule it was judged by, so an incident recorded
 * under the earlier rule says so ("Acknowledged: Grace from the page link at 10:04 UTC. Rule 2: ...").
 */
export function acknowledgementText(pir: Pick<PirModel, 'acknowledgement'>, formatTime: (ms: number) => string): string {
  const a = pir.acknowledgement;
  const who = a.person !== null && a.via !== null && a.at !== null
    ? `Acknowledged: ${a.via === 'role-assignment' ? `${a.person} assigned a role` : `${a.person} ${VIA_WORDS[a.via]}`} at ${formatTime(a.at)}.`
    : 'Not acknowledged by a responder.';
  return `${who} Judged by acknowledgement rule ${a.rule}: ${a.ruleText}.`;
}
