// Who is on call for a role at an instant, from the plan's rotation (members in order, shift length, handoff in a zone).
import { type Plan, type Rotation } from '../plan/schema';
import { addDays, parseLocalDate, parseLocalTime, zonedTimeToInstant } from '../time/zoned';

export interface Shift {
  member: string;
  /** Position of the member in rotation.members. */
  index: number;
  /** Epoch ms of the handoff that starts the shift (inclusive). */
  start: number;
  /** Epoch ms of the next handoff (exclusive). */
  end: number;
}

export interface OnCall {
  rotationId: string;
  member: string;
  index: number;
  shiftStart: number;
  shiftEnd: number;
  next: { member: string; index: number; from: number };
}

export function rotationForRole(plan: Plan, roleId: string): Rotation | undefined {
  return plan.rotations.find((r) => r.roleId === roleId);
}

const mod = (a: number, n: number) => ((a % n) + n) % n;

/** Start instant of shift number k (k = 0 is members[0]'s first shift on the anchor date; k may be negative). */
export function shiftStartInstant(rotation: Rotation, k: number): number {
  const date = addDays(parseLocalDate(rotation.anchorDate), k * rotation.lengthDays);
  return zonedTimeToInstant({ ...date, ...parseLocalTime(rotation.handoff.time) }, rotation.handoff.timeZone);
}

/** The number k of the shift that contains `instant` (start <= instant < next start). */
export function shiftNumberAt(rotation: Rotation, instant: number): number {
  const start0 = shiftStartInstant(rotation, 0);
  const nominal = rotation.lengthDays * 86_400_000;
  // A first guess from the nominal length, corrected by DST offsets of at most a few hours.
  let k = Math.floor((instant - start0) / nominal);
  while (shiftStartInstant(rotation, k) > instant) k -= 1;
  while (shiftStartInstant(rotation, k + 1) <= instant) k += 1;
  return k;
}

function shiftAt(rotation: Rotation, k: number): Shift {
  const index = mod(k, rotation.members.length);
  return {
    member: rotation.members[index] as string,
    index,
    start: shiftStartInstant(rotation, k),
    end: shiftStartInstant(rotation, k + 1),
  };
}

/** Who holds the role at `instant` and who takes over next; null when the plan has no rotation for the role. */
export function onCallAt(plan: Plan, roleId: string, instant: number): OnCall | null {
  const rotation = rotationForRole(plan, roleId);
  if (!rotation) return null;
  const k = shiftNumberAt(rotation, instant);
  const current = shiftAt(rotation, k);
  const nextIndex = mod(k + 1, rotation.members.length);
  return {
    rotationId: rotation.id,
    member: current.member,
    index: current.index,
    shiftStart: current.start,
    shiftEnd: current.end,
    next: { member: rotation.members[nextIndex] as string, index: nextIndex, from: current.end },
  };
}

/** `count` consecutive shifts, the first being the one that contains `from`; [] without a rotation. */
export function upcomingShifts(plan: Plan, roleId: string, from: number, count: number): Shift[] {
  const rotation = rotationForRole(plan, roleId);
  if (!rotation || count <= 0) return [];
  const k = shiftNumberAt(rotation, from);
  return Array.from({ length: count }, (_, i) => shiftAt(rotation, k + i));
}
