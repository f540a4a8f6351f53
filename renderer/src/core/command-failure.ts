// What a failed command means for the user: a message for the control, and whether storage itself is in trouble.
import { ZodError } from 'zod';
import { describeIssues } from '@shared/validation/zod-issues';

/** A refusal a command raises on purpose (bad input, nothing to do): its message is shown as written. */
export class CommandRefused extends Error {
  override readonly name: string = 'CommandRefused';
  /** Every problem, when there are several (a plan's path-named errors), for a list under the message. */
  constructor(message: string, readonly details?: string[]) {
    super(message);
  }
}

export type FailureKind = 'refused' | 'invalid' | 'storage-full' | 'storage-blocked' | 'failed';

export interface CommandFailure {
  kind: FailureKind;
  /** Shown next to the control that ran the command. */
  message: string;
  /** Set for storage trouble: shown in the app's persistent error region until dismissed. */
  persistent?: string;
  /** The refusal's list of problems, when it has one. */
  details?: string[];
}

const KEPT = 'Nothing already stored was lost; what you typed is still in its box.';

export const STORAGE_FULL_MESSAGE =
  `Storage is full: the last change was not saved. ${KEPT} Free disk space (or site data for this app), then try again.`;
export const STORAGE_BLOCKED_MESSAGE =
  `The local database is blocked by another window or tab of Incident Console: the last change was not saved. ${KEPT} Close the other window, or reload this one, then try again.`;

// Names as the browser (DOMException) and Dexie report them; Dexie wraps the cause in `inner`.
const QUOTA = new Set(['QuotaExceededError']);
const BLOCKED = new Set(['DatabaseClosedError', 'VersionChangeError', 'OpenFailedError', 'InvalidStateError', 'VersionError', 'BlockedError']);

/** The error and every cause it wraps (Dexie's `inner`, `cause`, a bulk error's `failures`), bounded against cycles. */
function chain(error: unknown): { name: string; message: string }[] {
  const out: { name: string; message: string }[] = [];
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length && out.length < 20) {
    const e = queue.shift();
    if (!e || typeof e !== 'object' || seen.has(e)) continue;
    seen.add(e);
    const rec = e as { name?: unknown; message?: unknown; inner?: unknown; cause?: unknown; failures?: unknown; code?: unknown };
    const name = typeof rec.name === 'string' ? rec.name : '';
    // Old engines report a full quota only as DOMException code 22.
    out.push({ name: rec.code === 22 ? 'QuotaExceededError' : name, message: typeof rec.message === 'string' ? rec.message : '' });
    queue.push(rec.inner, rec.cause);
    if (Array.isArray(rec.failures)) queue.push(...rec.failures);
  }
  return out;
}

function zodMessage(error: ZodError): string {
  return describeIssues(error).join('; ');
}

/** Classify what a command threw. */
export function describeFailure(error: unknown): CommandFailure {
  if (error instanceof CommandRefused) return { kind: 'refused', message: error.message, ...(error.details ? { details: error.details } : {}) };
  if (error instanceof ZodError) return { kind: 'invalid', message: `Not saved: ${zodMessage(error)}` };
  const causes = chain(error);
  if (causes.some((c) => QUOTA.has(c.name) || /quota/i.test(c.message))) {
    return { kind: 'storage-full', message: 'Not saved: storage is full.', persistent: STORAGE_FULL_MESSAGE };
  }
  if (causes.some((c) => BLOCKED.has(c.name))) {
    return { kind: 'storage-blocked', message: 'Not saved: the local database is blocked.', persistent: STORAGE_BLOCKED_MESSAGE };
  }
  const text = causes[0]?.message || (typeof error === 'string' ? error : 'unknown error');
  return { kind: 'failed', message: `Not saved: ${text}` };
}
