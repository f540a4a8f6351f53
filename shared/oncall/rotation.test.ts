import { describe, it, expect } from 'vitest';
import { defaultPlan } from '../plan/default-plan';
import { parsePlan } from '../plan/load';
import { type Plan, type Rotation } from '../plan/schema';
import { onCallAt, upcomingShifts } from './rotation';

const utc = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();
const ENGINEER = 'on-call-engineer';

/** The default plan with its rotation replaced, validated like any loaded plan. */
function planWithRotation(rotation: Partial<Rotation>): Plan {
  const base = defaultPlan.rotations[0] as Rotation;
  const result = parsePlan({ ...defaultPlan, rotations: [{ ...base, ...rotation, handoff: { ...base.handoff, ...rotation.handoff } }] });
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.plan;
}

describe('onCallAt with the default plan (weekly, Monday 09:00 UTC, Engineers A-D from 2026-01-05)', () => {
  it('gives week 1 to Engineer A from the anchor handoff, and names who is next', () => {
    const at = onCallAt(defaultPlan, ENGINEER, utc('2026-01-05T09:00:00Z'));
    expect(at).toEqual({
      rotationId: 'on-call',
      member: 'Engineer A',
      index: 0,
      shiftStart: utc('2026-01-05T09:00:00Z'),
      shiftEnd: utc('2026-01-12T09:00:00Z'),
      next: { member: 'Engineer B', index: 1, from: utc('2026-01-12T09:00:00Z') },
    });
  });

  it('hands off exactly at Monday 09:00: 08:59 is still the old week', () => {
    expect(onCallAt(defaultPlan, ENGINEER, utc('2026-01-12T08:59:00Z'))?.member).toBe('Engineer A');
    expect(onCallAt(defaultPlan, ENGINEER, utc('2026-01-12T08:59:59.999Z'))?.member).toBe('Engineer A');
    expect(onCallAt(defaultPlan, ENGINEER, utc('2026-01-12T09:00:00Z'))?.member).toBe('Engineer B');
  });

  it('cycles A, B, C, D and back to A in week 5', () => {
    const members = [0, 1, 2, 3, 4, 5].map((week) => onCallAt(defaultPlan, ENGINEER, utc('2026-01-07T12:00:00Z') + week * 7 * 86_400_000)?.member);
    expect(members).toEqual(['Engineer A', 'Engineer B', 'Engineer C', 'Engineer D', 'Engineer A', 'Engineer B']);
    const week4 = onCallAt(defaultPlan, ENGINEER, utc('2026-01-28T12:00:00Z'));
    expect(week4?.next).toEqual({ member: 'Engineer A', index: 0, from: utc('2026-02-02T09:00:00Z') });
  });

  it('wraps backwards before the anchor date', () => {
    const before = onCallAt(defaultPlan, ENGINEER, utc('2026-01-05T08:59:00Z'));
    expect(before).toMatchObject({ member: 'Engineer D', index: 3, shiftStart: utc('2025-12-29T09:00:00Z'), shiftEnd: utc('2026-01-05T09:00:00Z') });
    expect(before?.next.member).toBe('Engineer A');
    expect(onCallAt(defaultPlan, ENGINEER, utc('2025-12-24T00:00:00Z'))?.member).toBe('Engineer C');
    // 52 weeks (a multiple of 4) before the anchor: Engineer A again.
    expect(onCallAt(defaultPlan, ENGINEER, utc('2025-01-06T09:00:00Z'))).toMatchObject({ member: 'Engineer A', shiftStart: utc('2025-01-06T09:00:00Z') });
  });

  it('works far from the anchor', () => {
    // 2030-01-07 is 209 weeks after 2026-01-05; 209 mod 4 = 1.
    expect(onCallAt(defaultPlan, ENGINEER, utc('2030-01-07T09:00:00Z'))).toMatchObject({ member: 'Engineer B', shiftStart: utc('2030-01-07T09:00:00Z') });
  });

  it('returns null for a role without a rotation', () => {
    expect(onCallAt(defaultPlan, 'incident-commander', utc('2026-01-05T09:00:00Z'))).toBeNull();
    expect(onCallAt(defaultPlan, 'no-such-role', utc('2026-01-05T09:00:00Z'))).toBeNull();
  });
});

describe('onCallAt across daylight saving time', () => {
  it('Europe/Berlin: the Monday 09:00 handoff moves from 08:00Z to 07:00Z when summer time starts', () => {
    const plan = planWithRotation({ members: ['X', 'Y'], anchorDate: '2026-03-23', handoff: { weekday: 'monday', time: '09:00', timeZone: 'Europe/Berlin' } });
    const first = onCallAt(plan, ENGINEER, utc('2026-03-23T08:00:00Z'));
    expect(first).toMatchObject({ member: 'X', shiftStart: utc('2026-03-23T08:00:00Z'), shiftEnd: utc('2026-03-30T07:00:00Z') });
    expect(onCallAt(plan, ENGINEER, utc('2026-03-23T07:59:00Z'))?.member).toBe('Y');
    expect(onCallAt(plan, ENGINEER, utc('2026-03-30T06:59:00Z'))?.member).toBe('X'); // 08:59 CEST
    expect(onCallAt(plan, ENGINEER, utc('2026-03-30T07:00:00Z'))?.member).toBe('Y'); // 09:00 CEST
    expect(onCallAt(plan, ENGINEER, utc('2026-03-30T07:59:00Z'))?.member).toBe('Y'); // 09:59 CEST (naive UTC maths says X)
  });

  it('America/New_York: the handoff moves from 13:00Z to 14:00Z when clocks go back', () => {
    const plan = planWithRotation({ members: ['X', 'Y', 'Z'], anchorDate: '2026-10-26', handoff: { weekday: 'monday', time: '09:00', timeZone: 'America/New_York' } });
    const first = onCallAt(plan, ENGINEER, utc('2026-10-28T00:00:00Z'));
    expect(first).toMatchObject({ member: 'X', shiftStart: utc('2026-10-26T13:00:00Z'), shiftEnd: utc('2026-11-02T14:00:00Z') });
    expect(onCallAt(plan, ENGINEER, utc('2026-11-02T13:30:00Z'))?.member).toBe('X'); // 08:30 EST
    expect(onCallAt(plan, ENGINEER, utc('2026-11-02T14:00:00Z'))?.member).toBe('Y'); // 09:00 EST
    // Backwards over the spring change: 2026-03-02 (EST) is 34 weeks before the anchor; 34 mod 3 = 1, so Z.
    expect(onCallAt(plan, ENGINEER, utc('2026-03-02T14:00:00Z'))).toMatchObject({ member: 'Z', shiftStart: utc('2026-03-02T14:00:00Z'), shiftEnd: utc('2026-03-09T13:00:00Z') });
  });

  it('a handoff time skipped by the spring-forward gap happens just after the gap', () => {
    const plan = planWithRotation({ members: ['X', 'Y'], lengthDays: 1, anchorDate: '2026-03-28', handoff: { weekday: 'saturday', time: '02:30', timeZone: 'Europe/Berlin' } });
    // 2026-03-29 02:30 Berlin does not exist; the shift starts at 03:30 CEST = 01:30Z.
    expect(onCallAt(plan, ENGINEER, utc('2026-03-29T01:29:00Z'))?.member).toBe('X');
    expect(onCallAt(plan, ENGINEER, utc('2026-03-29T01:30:00Z'))).toMatchObject({ member: 'Y', shiftStart: utc('2026-03-29T01:30:00Z'), shiftEnd: utc('2026-03-30T00:30:00Z') });
  });
});

describe('upcomingShifts', () => {
  it('lists consecutive shifts starting with the current one', () => {
    const shifts = upcomingShifts(defaultPlan, ENGINEER, utc('2026-01-07T12:00:00Z'), 5);
    expect(shifts.map((s) => s.member)).toEqual(['Engineer A', 'Engineer B', 'Engineer C', 'Engineer D', 'Engineer A']);
    expect(shifts.map((s) => iso(s.start))).toEqual([
      '2026-01-05T09:00:00.000Z', '2026-01-12T09:00:00.000Z', '2026-01-19T09:00:00.000Z', '2026-01-26T09:00:00.000Z', '2026-02-02T09:00:00.000Z',
    ]);
    shifts.slice(1).forEach((s, i) => expect(s.start).toBe(shifts[i]?.end));
  });

  it('is empty for a role without rotation or a non-positive count', () => {
    expect(upcomingShifts(defaultPlan, 'incident-commander', 0, 3)).toEqual([]);
    expect(upcomingShifts(defaultPlan, ENGINEER, 0, 0)).toEqual([]);
  });
});
