// Who may see each stream of one workspace, folded from the events that decide it (shared/access/relevant.ts) and the
// team stream, with the console's own fold and accessOf: the server keeps no model of its own. Pure (no database):
// load.ts feeds it from the log, the routes ask it. Streams: an incident is its own; an alert group belongs to the
// incident it is attached to (hidden with it); the team stream is everyone's.
import { accessOf, maySee, OPEN_ACCESS, securityOfficers, type IncidentAccess } from '@shared/access/participants';
import { personPrincipal, principalsOf, type Reader } from '@shared/access/principal';
import { isAccessEvent } from '@shared/access/relevant';
import { commandChangeRefusal, openRefusal } from '@shared/access/who-opens';
import { applyEvent, docFromEvents, emptyDoc, type IncidentDoc } from '@shared/incident/doc';
import type { IncidentEvent } from '@shared/incident/events';
import { projectIncident } from '@shared/incident/project';
import type { IncidentState } from '@shared/incident/state';
import { planForIncident } from '@shared/workspace/incident-plan';
import { isAlertStream, TEAM_STREAM_ID } from '@shared/workspace/streams';
import { foldTeam, type TeamState } from '@shared/workspace/team';

const stampOf = (e: IncidentEvent) => `${e.hlc}|${e.id}`;

/** Events that make the server send something: never from a console that may not see the incident now. */
const SENDING_TYPES: ReadonlySet<IncidentEvent['type']> = new Set(['delivery.requested', 'delivery.retried', 'page.requested']);

interface IncidentEntry {
  events: IncidentEvent[];
  doc: IncidentDoc;
  state?: IncidentState;
  access?: IncidentAccess;
}

/** A console pushing: who it is, and whether it is a workspace admin (who may name security officers). */
export interface Writer extends Reader {
  admin: boolean;
}

export interface PushRefusal {
  index: number;
  /** Where in the event (`incidentId`, `payload`). */
  path: string;
  message: string;
  /** command_required: a change of a restricted incident's command or visibility only its commander makes. */
  code?: 'command_required';
}

export class WorkspaceAccess {
  /** The log has been folded up to this sequence number. */
  upTo = 0;
  private readonly incidents = new Map<string, IncidentEntry>();
  /** Alert group stream -> the incident it is attached to (last writer wins by clock). */
  private readonly attachments = new Map<string, { incidentId: string; stamp: string }>();
  private readonly teamEvents: IncidentEvent[] = [];
  private team: TeamState | null = null;
  private restrictedIds: string[] | null = null;

  /** Fold events of the log (any order, duplicates ignored) and move `upTo`. */
  apply(events: readonly IncidentEvent[], upTo: number): void {
    let teamChanged = false;
    for (const e of events) {
      if (e.incidentId === TEAM_STREAM_ID) {
        if (!this.teamEvents.some((t) => t.id === e.id)) { this.teamEvents.push(e); teamChanged = true; }
      } else if (isAccessEvent(e)) this.applyIncidentEvent(e);
    }
    if (teamChanged) this.teamChanged();
    this.upTo = Math.max(this.upTo, upTo);
  }

  private applyIncidentEvent(e: IncidentEvent): void {
    if (e.type === 'alert.attached') {
      const current = this.attachments.get(e.incidentId);
      if (!current || current.stamp < stampOf(e)) this.attachments.set(e.incidentId, { incidentId: e.payload.incidentId, stamp: stampOf(e) });
      return;
    }
    const entry = this.entry(e.incidentId);
    if (!applyEvent(entry.doc, e)) return;
    entry.events.push(e);
    delete entry.state;
    delete entry.access;
    this.restrictedIds = null;
  }

  private entry(incidentId: string): IncidentEntry {
    let entry = this.incidents.get(incidentId);
    if (!entry) { entry = { events: [], doc: emptyDoc(incidentId) }; this.incidents.set(incidentId, entry); }
    return entry;
  }

  private teamChanged(): void {
    this.team = null;
    for (const entry of this.incidents.values()) delete entry.access;
    this.restrictedIds = null;
  }

  private teamState(): TeamState {
    this.team ??= foldTeam(this.teamEvents);
    return this.team;
  }

  private stateOf(entry: IncidentEntry): IncidentState {
    entry.state ??= projectIncident(entry.doc);
    return entry.state;
  }

  /** The security officers of the plan that judges this incident (its pinned or adopted plan). */
  private officersOf(state: IncidentState, team: TeamState): string[] {
    return securityOfficers(planForIncident(state, team).plan, team.contacts);
  }

  /** Who may see an incident now. */
  incidentAccess(incidentId: string): IncidentAccess {
    const entry = this.incidents.get(incidentId);
    if (!entry) return OPEN_ACCESS;
    if (!entry.access) {
      const state = this.stateOf(entry);
      entry.access = state.visibility.restricted ? accessOf(state, this.officersOf(state, this.teamState())) : OPEN_ACCESS;
    }
    return entry.access;
  }

  /** The incident a stream's visibility follows: itself, the incident an alert group is attached to, or none (team, unattached groups). */
  ownerOf(streamId: string): string | null {
    if (streamId === TEAM_STREAM_ID) return null;
    if (isAlertStream(streamId)) return this.attachments.get(streamId)?.incidentId ?? null;
    return streamId;
  }

  /** Incidents restricted now, sorted. */
  restricted(): string[] {
    if (!this.restrictedIds) {
      this.restrictedIds = [...this.incidents.keys()].filter((id) => this.incidentAccess(id).restricted).sort();
    }
    return this.restrictedIds;
  }

  mayRead(reader: Reader, streamId: string): boolean {
    const owner = this.ownerOf(streamId);
    return owner === null || maySee(this.incidentAccess(owner), reader);
  }

  /** Every stream this console may not read now (restricted incidents it is not in, and alert groups attached to them), sorted. */
  hiddenFor(reader: Reader): string[] {
    const hidden = this.restricted().filter((id) => !maySee(this.incidentAccess(id), reader));
    if (hidden.length === 0) return hidden;
    const set = new Set(hidden);
    for (const [stream, { incidentId }] of this.attachments) if (set.has(incidentId)) hidden.push(stream);
    return hidden.sort();
  }

  /**
   * Whether a console may push this batch, in order (the batch's own changes of who may see count for the events
   * after them). Null when it may; else the first event it may not push. The rules (docs/server.md):
   * - into an open incident, anything (restricting it makes the restricting console a participant);
   * - into a restricted one: a participant anything; anyone else only events written while they could see it
   *   (clock order), never a change of who may see it;
   * - a change of the contact sheet or the plan that makes someone new a security officer: only a workspace admin
   *   or a security officer.
   */
  checkPush(writer: Writer, batch: readonly IncidentEvent[]): PushRefusal | null {
    const overlay = new WorkspaceAccessOverlay(this);
    for (const [index, event] of batch.entries()) {
      const problem = overlay.refusal(writer, event);
      if (problem) return { index, ...problem };
      overlay.add(event);
    }
    return null;
  }

  /** @internal for the overlay: the folded events that decide who sees an incident. */
  incidentEvents(incidentId: string): readonly IncidentEvent[] {
    return this.incidents.get(incidentId)?.events ?? [];
  }

  /** @internal */
  attachmentOf(stream: string): { incidentId: string; stamp: string } | undefined {
    return this.attachments.get(stream);
  }

  /** @internal */
  teamEventList(): readonly IncidentEvent[] {
    return this.teamEvents;
  }

  /** @internal the incidents whose access can name officers: every restricted one and the team's current plan. */
  officerUnion(team: TeamState, restrictedStates: Iterable<IncidentState>): Set<string> {
    const out = new Set<string>();
    for (const name of securityOfficers(team.plan, team.contacts)) out.add(personPrincipal(name));
    for (const state of restrictedStates) for (const name of this.officersOf(state, team)) out.add(personPrincipal(name));
    return out;
  }

  /**
   * The names that carry standing now (personKey principals): every security officer, and every person a restricted
   * incident lets see it. A console joins under one only with an invite made for that person (joinWithInvite).
   */
  personsWithStanding(): Set<string> {
    const out = this.officerUnion(this.teamState(), this.restrictedStates());
    for (const id of this.restricted()) {
      for (const p of this.incidentAccess(id).principals) if (p.startsWith('person:')) out.add(p);
    }
    return out;
  }

  /** @internal */
  restrictedStates(): IncidentState[] {
    return this.restricted().map((id) => this.stateOf(this.incidents.get(id) as IncidentEntry));
  }
}

/** A push's view: the workspace's folded state plus the batch's events before the one being judged. */
class WorkspaceAccessOverlay {
  private readonly extra = new Map<string, IncidentEvent[]>();
  private readonly extraAttach = new Map<string, { incidentId: string; stamp: string }>();
  private readonly extraTeam: IncidentEvent[] = [];

  constructor(private readonly base: WorkspaceAccess) {}

  add(event: IncidentEvent): void {
    if (event.incidentId === TEAM_STREAM_ID) this.extraTeam.push(event);
    else if (event.type === 'alert.attached') {
      const current = this.attachment(event.incidentId);
      if (!current || current.stamp < stampOf(event)) this.extraAttach.set(event.incidentId, { incidentId: event.payload.incidentId, stamp: stampOf(event) });
    } else if (isAccessEvent(event)) {
      const list = this.extra.get(event.incidentId) ?? [];
      list.push(event);
      this.extra.set(event.incidentId, list);
    }
  }

  private attachment(stream: string) {
    return this.extraAttach.get(stream) ?? this.base.attachmentOf(stream);
  }

  private ownerOf(streamId: string): string | null {
    if (streamId === TEAM_STREAM_ID) return null;
    if (isAlertStream(streamId)) return this.attachment(streamId)?.incidentId ?? null;
    return streamId;
  }

  private events(incidentId: string): IncidentEvent[] {
    return [...this.base.incidentEvents(incidentId), ...(this.extra.get(incidentId) ?? [])];
  }

  private team(): TeamState {
    return foldTeam([...this.base.teamEventList(), ...this.extraTeam]);
  }

  private accessFrom(events: readonly IncidentEvent[], incidentId: string, team: TeamState): IncidentAccess {
    const state = projectIncident(docFromEvents(incidentId, events));
    return state.visibility.restricted ? accessOf(state, securityOfficers(planForIncident(state, team).plan, team.contacts)) : OPEN_ACCESS;
  }

  private accessNow(incidentId: string): IncidentAccess {
    if (!this.extra.has(incidentId) && this.extraTeam.length === 0) return this.base.incidentAccess(incidentId);
    return this.accessFrom(this.events(incidentId), incidentId, this.team());
  }

  refusal(writer: Writer, event: IncidentEvent): { path: string; message: string; code?: 'command_required' } | null {
    if (event.incidentId === TEAM_STREAM_ID) return this.teamRefusal(writer, event);
    // Attaching an alert group to an incident, or moving it away from one, is a change of who sees the group.
    const owners = new Set<string>();
    const owner = this.ownerOf(event.incidentId);
    if (owner) owners.add(owner);
    if (event.type === 'alert.attached') owners.add(event.payload.incidentId);
    for (const incidentId of owners) {
      const now = this.accessNow(incidentId);
      if (maySee(now, writer)) {
        const opening = event.type === 'visibility.changed' && event.payload.to === 'open';
        const commanding = (event.type === 'role.assigned' || event.type === 'role.relieved') && event.incidentId === incidentId;
        if (now.restricted && (opening || commanding)) {
          const state = projectIncident(docFromEvents(incidentId, this.events(incidentId)));
          const officers = securityOfficers(planForIncident(state, this.team()).plan, this.team().contacts);
          const refused = opening ? openRefusal(state, officers, writer.person) : commandChangeRefusal(state, officers, writer.person, event);
          if (refused) return { path: opening ? 'payload.to' : 'payload.roleId', message: `incident ${incidentId}: ${refused}`, code: 'command_required' };
        }
        continue;
      }
      if (isAccessEvent(event)) return { path: 'incidentId', message: `incident ${incidentId} is restricted and this console is not among its participants; only a participant changes who may see it` };
      if (SENDING_TYPES.has(event.type)) return { path: 'type', message: `incident ${incidentId} is restricted and this console is not among its participants; only a participant asks the server to send or page for it` };
      // Written while this console could see it (before it was restricted, or before it was removed): kept, attributed.
      // The clock is the writer's own: an event dated before the incident existed was not written while anyone saw it
      // (without this, a console dating its events back would write into any restricted incident).
      const stamp = stampOf(event);
      const before = this.events(incidentId).filter((e) => stampOf(e) < stamp);
      // An alert group's events (a silence set before the incident was declared from it) are the group's, not the
      // incident's: only an event of the incident itself must come after its declaration.
      if (event.incidentId === incidentId && !before.some((e) => e.type === 'incident.opened')) {
        return { path: 'hlc', message: `incident ${incidentId} is restricted and this console is not among its participants; this event is dated before the incident was declared` };
      }
      if (!maySee(this.accessFrom(before, incidentId, this.team()), writer)) {
        return { path: 'incidentId', message: `incident ${incidentId} is restricted and this console is not among its participants (it was not when this event was written either)` };
      }
    }
    return null;
  }

  /** A contact-sheet or plan change that adds a security officer: only an admin or a security officer makes it. */
  private teamRefusal(writer: Writer, event: IncidentEvent): { path: string; message: string } | null {
    if (writer.admin) return null;
    const before = this.team();
    const after = foldTeam([...this.base.teamEventList(), ...this.extraTeam, event]);
    const states = this.base.restrictedStates();
    const was = this.base.officerUnion(before, states);
    const added = [...this.base.officerUnion(after, states)].filter((p) => !was.has(p));
    if (added.length === 0) return null;
    if (principalsOf(writer).some((p) => was.has(p))) return null;
    return {
      path: event.type === 'plan.published' ? 'payload.plan.visibility' : 'payload',
      message: `this change makes ${added.map((p) => p.slice('person:'.length)).join(', ')} a security officer, who sees every restricted incident; only a workspace admin or a security officer may do that`,
    };
  }
}
