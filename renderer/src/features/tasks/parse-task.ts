// The entry box's task form: "t: Engineer B: check the DB pool 3m" (or "in 3 min", "by 17:05", "@17:05").
export interface ParsedTask { owner: string; title: string; checkBackAt: number }
export type TaskParse = { ok: true; task: ParsedTask } | { ok: false; error: string };

export const TASK_PREFIX = /^t\s?:\s*/i;

/** Relative ("3m", "in 10 min", "1h") or a clock time ("by 17:05", "@17:05": the next such time). */
function parseCheckBack(text: string, now: number): { at: number; rest: string } | null {
  const relative = /\s+(?:in\s+)?(\d{1,3})\s*(m|min|mins|minutes?|h|hours?)\.?$/i.exec(text);
  if (relative) {
    const n = Number(relative[1]);
    const ms = /^h/i.test(relative[2] ?? '') ? n * 3_600_000 : n * 60_000;
    return n > 0 ? { at: now + ms, rest: text.slice(0, relative.index) } : null;
  }
  const clock = /\s+(?:by|at|@)\s*(\d{1,2}):(\d{2})$/i.exec(text);
  if (clock) {
    const h = Number(clock[1]);
    const m = Number(clock[2]);
    if (h > 23 || m > 59) return null;
    const d = new Date(now);
    d.setHours(h, m, 0, 0);
    let at = d.getTime();
    if (at <= now) at += 24 * 3_600_000; // "by 00:10" typed at 23:55 means tonight, not this morning
    return { at, rest: text.slice(0, clock.index) };
  }
  return null;
}

/** Parse what follows "t:"; says what is missing rather than guessing. */
export function parseTask(input: string, now: number): TaskParse {
  const body = input.replace(TASK_PREFIX, '').trim();
  const colon = body.indexOf(':');
  if (colon <= 0) return { ok: false, error: 'Write a task as “t: owner: what to do 3m” (e.g. “t: Engineer B: check the DB pool 3m”).' };
  const owner = body.slice(0, colon).trim();
  const due = parseCheckBack(` ${body.slice(colon + 1).trim()}`, now);
  if (!due) return { ok: false, error: 'Add when to check back at the end: “3m”, “in 10 min” or “by 17:05”.' };
  const title = due.rest.trim();
  if (!title) return { ok: false, error: 'Say what the task is, between the owner and the time.' };
  return { ok: true, task: { owner, title, checkBackAt: due.at } };
}
