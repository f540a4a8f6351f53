// Task commands: each user action validates, builds its events and writes them with one recordEvents call.
import { newId } from '@shared/incident/create';
import { recordEvents } from '../../db/commands';

const iso = (ms: number) => new Date(ms).toISOString();

export interface NewTask { title: string; owner: string; checkBackAt: number }

/** What is wrong with a task before it is recorded (null when it can be recorded). */
export function taskProblem(task: NewTask, now: number): string | null {
  if (!task.owner.trim()) return 'Say who owns the task (e.g. “t: Engineer B: check the DB pool 3m”).';
  if (!task.title.trim()) return 'Say what the task is.';
  if (!Number.isFinite(task.checkBackAt)) return 'Give a check-back time, e.g. 3m or 17:05.';
  if (task.checkBackAt <= now) return 'The check-back time must be in the future.';
  return null;
}

export async function createTask(incidentId: string, task: NewTask, now = Date.now()): Promise<string> {
  const problem = taskProblem(task, now);
  if (problem) throw new Error(problem);
  const taskId = newId();
  await recordEvents([{ incidentId, type: 'task.created', payload: { taskId, title: task.title.trim(), owner: task.owner.trim(), checkBackAt: iso(task.checkBackAt) } }]);
  return taskId;
}

export function completeTask(incidentId: string, taskId: string, note?: string): Promise<unknown> {
  return recordEvents([{ incidentId, type: 'task.done', payload: { taskId, ...(note?.trim() ? { note: note.trim() } : {}) } }]);
}

export function dropTask(incidentId: string, taskId: string, reason?: string): Promise<unknown> {
  return recordEvents([{ incidentId, type: 'task.dropped', payload: { taskId, ...(reason?.trim() ? { reason: reason.trim() } : {}) } }]);
}

/** Hand the task to someone else and/or give it a new check-back time. */
export function reassignTask(incidentId: string, taskId: string, change: { owner?: string; checkBackAt?: number }, now = Date.now()): Promise<unknown> {
  const owner = change.owner?.trim();
  if (change.owner !== undefined && !owner) return Promise.reject(new Error('Say who takes the task over.'));
  if (change.checkBackAt !== undefined && change.checkBackAt <= now) return Promise.reject(new Error('The check-back time must be in the future.'));
  return recordEvents([{ incidentId, type: 'task.reassigned', payload: { taskId, ...(owner ? { owner } : {}), ...(change.checkBackAt !== undefined ? { checkBackAt: iso(change.checkBackAt) } : {}) } }]);
}
