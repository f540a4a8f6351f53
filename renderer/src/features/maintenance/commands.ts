// Planned maintenance commands: each is one event of the workspace's maintenance stream (it syncs, and the server
// publishes it on /status and its API at once). Every refusal says what to fix, in the form's words.
import { newId } from '@shared/incident/create';
import { windowProblem, type AutoNotify } from '@shared/incident/events-maintenance';
import type { PayloadInput } from '@shared/incident/events';
import { maintenanceStatus, type MaintenanceWindow } from '@shared/maintenance/windows';
import { MAINTENANCE_STREAM_ID } from '@shared/workspace/streams';
import { CommandRefused } from '../../core/command-failure';
import { recordEvents } from '../../db/commands';

/** What the schedule / edit form holds (times already read from its inputs: NaN when unreadable). */
export interface WindowDraft {
  title: string;
  text: string;
  componentIds: string[];
  startsAt: number;
  endsAt: number;
  autoNotify: AutoNotify;
}

const iso = (ms: number) => new Date(ms).toISOString();

function checked(d: WindowDraft): WindowDraft {
  const title = d.title.trim();
  const text = d.text.trim();
  if (!title) throw new CommandRefused('Give the maintenance a title: what people will read, like "Database upgrade".');
  if (title.length > 200) throw new CommandRefused('Keep the title under 200 characters.');
  if (!text) throw new CommandRefused('Say what people may notice during the window (the public text).');
  if (d.componentIds.length === 0) throw new CommandRefused('Tick at least one affected component.');
  if (Number.isNaN(d.startsAt)) throw new CommandRefused('Enter the start as YYYY-MM-DD HH:MM (24-hour, your local time).');
  if (Number.isNaN(d.endsAt)) throw new CommandRefused('Enter the end as YYYY-MM-DD HH:MM (24-hour, your local time).');
  const problem = windowProblem(iso(d.startsAt), iso(d.endsAt));
  if (problem) throw new CommandRefused(`${problem[0]!.toUpperCase()}${problem.slice(1)}.`);
  return { ...d, title, text };
}

/** Plan a window: on the status page as "scheduled" at once; `notifySubscribers` emails its subscribers now. */
export async function scheduleMaintenance(draft: WindowDraft, notifySubscribers: boolean): Promise<string> {
  const d = checked(draft);
  const maintenanceId = newId();
  await recordEvents([{
    incidentId: MAINTENANCE_STREAM_ID, type: 'maintenance.scheduled',
    payload: { maintenanceId, title: d.title, text: d.text, componentIds: d.componentIds, startsAt: iso(d.startsAt), endsAt: iso(d.endsAt), notifySubscribers, autoNotify: d.autoNotify },
  }]);
  return maintenanceId;
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');
const sameNotify = (a: AutoNotify, b: AutoNotify) => a.reminder === b.reminder && a.start === b.start && a.end === b.end;

function notOver(w: MaintenanceWindow, now: number, doing: string): void {
  if (maintenanceStatus(w, now) === 'completed') {
    throw new CommandRefused(`“${w.title}” is ${w.cancelledAt !== null ? 'cancelled' : 'completed'}: it cannot be ${doing}. Schedule a new window instead.`);
  }
}

/** Change the plan of a window: only what differs is recorded (so edits on two laptops of different fields merge). */
export async function editMaintenance(w: MaintenanceWindow, draft: WindowDraft, now = Date.now()): Promise<void> {
  notOver(w, now, 'edited');
  const d = checked(draft);
  const change: Omit<PayloadInput<'maintenance.updated'>, 'maintenanceId'> = {};
  if (d.title !== w.title) change.title = d.title;
  if (d.text !== w.text) change.description = d.text;
  // Both times go together when either moved, so the event itself proves the window is whole.
  if (d.startsAt !== w.startsAt || d.endsAt !== w.endsAt) { change.startsAt = iso(d.startsAt); change.endsAt = iso(d.endsAt); }
  if (!sameList(d.componentIds, w.componentIds)) change.componentIds = d.componentIds;
  if (!sameNotify(d.autoNotify, w.autoNotify)) change.autoNotify = d.autoNotify;
  if (Object.keys(change).length === 0) throw new CommandRefused('Nothing changed.');
  await recordEvents([{ incidentId: MAINTENANCE_STREAM_ID, type: 'maintenance.updated', payload: { maintenanceId: w.id, ...change } }]);
}

export type PostedStatus = 'keep' | 'in_progress' | 'verifying' | 'completed';

/** Post progress: a public update, optionally with a new status, optionally emailed to the window's subscribers. */
export async function postMaintenanceUpdate(w: MaintenanceWindow, update: { status: PostedStatus; text: string; notify: boolean }, now = Date.now()): Promise<void> {
  notOver(w, now, 'updated');
  const text = update.text.trim();
  if (!text) throw new CommandRefused('Write the update people will read on the status page.');
  await recordEvents([{
    incidentId: MAINTENANCE_STREAM_ID, type: 'maintenance.updated',
    payload: { maintenanceId: w.id, text, notifySubscribers: update.notify, ...(update.status === 'keep' ? {} : { status: update.status }) },
  }]);
}

/** Call the window off: completed and marked cancelled with the reason people read; no automatic email follows. */
export async function cancelMaintenance(w: MaintenanceWindow, reason: { text: string; notify: boolean }, now = Date.now()): Promise<void> {
  notOver(w, now, 'cancelled');
  const text = reason.text.trim();
  if (!text) throw new CommandRefused('Say why it is cancelled: people who planned around it read this.');
  await recordEvents([{
    incidentId: MAINTENANCE_STREAM_ID, type: 'maintenance.updated',
    payload: { maintenanceId: w.id, status: 'completed', cancelled: true, text, notifySubscribers: reason.notify },
  }]);
}
