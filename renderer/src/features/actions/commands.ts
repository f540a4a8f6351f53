// Action item commands: add one (title, owner, deadline), change it, record a follow-up.
import { newId } from '@shared/incident/create';
import type { ActionStatus } from '@shared/incident/events';
import { CommandRefused } from '../../core/command-failure';
import { recordEvents } from '../../db/commands';

/** `deadline`: epoch ms, null for none (NaN when the date field does not hold a date). */
export async function createAction(incidentId: string, item: { title: string; owner: string; deadline: number | null }): Promise<string> {
  if (!item.title.trim()) throw new CommandRefused('Describe the action.');
  if (item.deadline !== null && Number.isNaN(item.deadline)) throw new CommandRefused('The deadline is not a valid date.');
  const actionId = newId();
  await recordEvents([{
    incidentId, type: 'action.created',
    payload: { actionId, title: item.title.trim(), owner: item.owner.trim(), ...(item.deadline !== null ? { deadline: new Date(item.deadline).toISOString() } : {}) },
  }]);
  return actionId;
}

/** Open tasks become action items, one event each, all in one write: nothing is half-added. */
export async function createActionsFromTasks(incidentId: string, tasks: ReadonlyArray<{ id: string; title: string; owner: string }>): Promise<number> {
  if (tasks.length === 0) throw new CommandRefused('No open tasks left to add.');
  await recordEvents(tasks.map((t) => ({
    incidentId, type: 'action.created' as const, payload: { actionId: newId(), title: t.title, owner: t.owner, fromTaskId: t.id },
  })));
  return tasks.length;
}

export interface ActionChange { owner?: string; deadline?: string | null; status?: ActionStatus; followedUp?: boolean }

export async function updateAction(incidentId: string, actionId: string, change: ActionChange): Promise<void> {
  await recordEvents([{ incidentId, type: 'action.updated', payload: { actionId, ...change } }]);
}

export function recordFollowUp(incidentId: string, actionId: string): Promise<void> {
  return updateAction(incidentId, actionId, { followedUp: true });
}
