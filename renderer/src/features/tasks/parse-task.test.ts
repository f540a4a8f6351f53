import { describe, expect, it } from 'vitest';
import { parseTask } from './parse-task';

const NOW = new Date(2026, 2, 4, 16, 10, 0).getTime(); // local time: "by 17:05" is read in the device's zone

describe('parseTask', () => {
  it('reads owner, title and a relative check-back', () => {
    expect(parseTask('t: Engineer B: check the DB pool 3m', NOW)).toEqual({ ok: true, task: { owner: 'Engineer B', title: 'check the DB pool', checkBackAt: NOW + 180_000 } });
    expect(parseTask('T: Grace: failover plan in 10 min', NOW)).toMatchObject({ ok: true, task: { owner: 'Grace', title: 'failover plan', checkBackAt: NOW + 600_000 } });
  });

  it('reads a clock time, the next one to come', () => {
    const r = parseTask('t: Ops: restart pods by 17:05', NOW);
    expect(r).toMatchObject({ ok: true, task: { checkBackAt: new Date(2026, 2, 4, 17, 5).getTime() } });
    const early = parseTask('t: Ops: restart pods @09:00', NOW);
    expect(early).toMatchObject({ ok: true, task: { checkBackAt: new Date(2026, 2, 5, 9, 0).getTime() } });
  });

  it('says what is missing', () => {
    expect(parseTask('t: check the pool 3m', NOW)).toEqual({ ok: false, error: expect.stringContaining('owner: what to do') });
    expect(parseTask('t: Engineer B: check the pool', NOW)).toEqual({ ok: false, error: expect.stringContaining('when to check back') });
    expect(parseTask('t: Engineer B: 3m', NOW)).toEqual({ ok: false, error: expect.stringContaining('what the task is') });
    expect(parseTask('t: Ops: x by 25:00', NOW).ok).toBe(false);
  });
});
