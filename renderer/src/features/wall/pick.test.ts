// The wall shows the selected incident, otherwise the most urgent active one.
import { describe, expect, it } from 'vitest';
import { pickWallIncident, type WallCandidate } from './pick';

const base: WallCandidate = { id: 'a', opened: true, status: 'investigating', drill: false, severityRank: 2, detectedAt: 1000, topClock: { state: 'ok', dueAt: 5000, active: true } };
const c = (over: Partial<WallCandidate>): WallCandidate => ({ ...base, ...over });

describe('pickWallIncident', () => {
  it('shows the incident open in the console, even when resolved', () => {
    expect(pickWallIncident('b', [c({ id: 'a', topClock: { state: 'overdue', dueAt: 1, active: true } }), c({ id: 'b', status: 'resolved' })])).toBe('b');
  });

  it('otherwise the worst clock state wins over severity', () => {
    const list = [c({ id: 'p0-ok', severityRank: 0 }), c({ id: 'p2-overdue', topClock: { state: 'overdue', dueAt: 9000, active: true } })];
    expect(pickWallIncident(null, list)).toBe('p2-overdue');
  });

  it('at equal clock state the higher severity, then the real incident over a drill', () => {
    expect(pickWallIncident(null, [c({ id: 'p2' }), c({ id: 'p1', severityRank: 1 })])).toBe('p1');
    expect(pickWallIncident(null, [c({ id: 'drill', drill: true }), c({ id: 'real' })])).toBe('real');
  });

  it('ignores resolved, closed and not yet opened incidents; null when none is active', () => {
    expect(pickWallIncident(null, [c({ id: 'r', status: 'resolved' }), c({ id: 'x', status: 'closed' }), c({ id: 'n', opened: false })])).toBeNull();
    expect(pickWallIncident('gone', [])).toBeNull();
  });
});

describe('restricted incidents on the wall', () => {
  const base = { opened: true, status: 'investigating', drill: false, severityRank: 0, detectedAt: 1, topClock: null };
  it('never picks a restricted incident by urgency (a wall is a shared screen), but shows one its console opened', () => {
    const candidates = [{ ...base, id: 'breach', restricted: true }, { ...base, id: 'latency', severityRank: 2 }];
    expect(pickWallIncident(null, candidates)).toBe('latency');
    expect(pickWallIncident(null, [candidates[0]!])).toBeNull();
    expect(pickWallIncident('breach', candidates)).toBe('breach');
  });
});
