// An incident projected from every event but some of its log entries (a console opening newest first) is the full
// state but for the missing timeline rows and the counts: header, clocks, roles, steps and corrections are exact.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createEvent } from './create';
import { applyEvent, emptyDoc } from './doc';
import type { IncidentEvent } from './events';
import { isLogEntry } from './partial';
import { projectIncident } from './project';
import { HybridClock } from '../hlc/hlc';

const ID = '01900000-0000-7000-8000-000000000002';
const kinds = ['note', 'decision', 'action', 'evidence'] as const;

type Step = { who: 0 | 1; dt: number; back: number | null; pick: number; op: number };
const stepArb: fc.Arbitrary<Step> = fc.record({
  who: fc.constantFrom(0 as const, 1 as const), dt: fc.integer({ min: 0, max: 60_000 }),
  back: fc.option(fc.integer({ min: 0, max: 3_600_000 }), { nil: null }), pick: fc.nat(), op: fc.integer({ min: 0, max: 99 }),
});

/** An incident with log entries, their corrections and the events the console's panels read. */
function incident(steps: Step[], opened: boolean): IncidentEvent[] {
  let wall = Date.parse('2026-03-01T10:00:00Z');
  const clocks = [new HybridClock('dev-a', () => wall), new HybridClock('dev-b', () => wall)];
  const ctx = (i: 0 | 1) => ({ clock: clocks[i] as HybridClock, actor: { name: i ? 'Bea' : 'Al', deviceId: i ? 'dev-b' : 'dev-a' }, now: () => wall });
  const out: IncidentEvent[] = opened ? [createEvent(ctx(0), ID, 'incident.opened', { title: 'T', detectedAt: '2026-03-01T10:00:00.000Z', impactStartedAt: '2026-03-01T09:50:00.000Z', severity: 'P2' }) as IncidentEvent] : [];
  const entries: string[] = [];
  steps.forEach((s, i) => {
    wall += s.dt;
    const back = s.back === null ? {} : { occurredAt: wall - s.back };
    const c = ctx(s.who);
    const target = entries[s.pick % Math.max(1, entries.length)];
    let e: IncidentEvent;
    if (s.op < 50 || !target) { e = createEvent(c, ID, 'entry.added', { kind: kinds[s.pick % 4] ?? 'note', text: `entry ${i}` }, back) as IncidentEvent; entries.push(e.id); }
    else if (s.op < 58) e = createEvent(c, ID, 'entry.amended', { entryId: target, text: `amended ${i}` }, back) as IncidentEvent;
    else if (s.op < 63) e = createEvent(c, ID, 'entry.retracted', { entryId: target, reason: `wrong ${i}` }) as IncidentEvent;
    else if (s.op < 70) e = createEvent(c, ID, 'entry.starred', { entryId: target, starred: s.pick % 3 > 0 }) as IncidentEvent;
    else if (s.op < 76) e = createEvent(c, ID, 'status.changed', { to: s.pick % 2 ? 'mitigating' : 'monitoring' }) as IncidentEvent;
    else if (s.op < 82) e = createEvent(c, ID, 'role.assigned', { roleId: s.pick % 2 ? 'ic' : 'scribe', person: s.who ? 'Bea' : 'Al' }) as IncidentEvent;
    else if (s.op < 88) e = createEvent(c, ID, 'step.checked', { stepId: 'detect', itemId: `item-${s.pick % 3}` }) as IncidentEvent;
    else if (s.op < 92) e = createEvent(c, ID, 'severity.changed', { to: s.pick % 2 ? 'P1' : 'P3', reason: 'reassessed' }) as IncidentEvent;
    else if (s.op < 96) e = createEvent(c, ID, 'update.posted', { audience: 'stakeholders', channel: 'slack', text: `update ${i}` }) as IncidentEvent;
    else e = createEvent(c, ID, 'task.created', { taskId: `01900000-0000-7000-8000-${String(i).padStart(12, '0')}`, title: `check ${i}`, owner: 'Al', checkBackAt: new Date(wall + 600_000).toISOString() }) as IncidentEvent;
    out.push(e);
  });
  return out;
}

function project(events: IncidentEvent[]) {
  const doc = emptyDoc(ID);
  for (const e of events) applyEvent(doc, e);
  return projectIncident(doc);
}

describe('opening on every event but some log entries', () => {
  it('gives the full state but for the missing timeline rows, eventCount and lastActivityAt', () => {
    fc.assert(fc.property(fc.array(stepArb, { minLength: 1, maxLength: 80 }), fc.boolean(), fc.array(fc.boolean(), { minLength: 80, maxLength: 80 }), (steps, opened, keep) => {
      const events = incident(steps, opened);
      const full = project(events);
      let n = 0;
      const partialEvents = events.filter((e) => !isLogEntry(e) || keep[n++ % keep.length]);
      const partial = project(partialEvents);
      const kept = new Set(partialEvents.map((e) => e.id));
      // The timeline is the full one without the entries not read yet, each row exactly as in the full state.
      expect(partial.timeline).toEqual(full.timeline.filter((row) => kept.has(row.id)));
      expect(partial.systemTimeline).toEqual(full.systemTimeline);
      const { timeline: _t, systemTimeline: _s, eventCount: _c, lastActivityAt: _l, ...rest } = full;
      const { timeline: _pt, systemTimeline: _ps, eventCount: _pc, lastActivityAt: _pl, ...partialRest } = partial;
      // Before the incident is opened, detection falls back to the earliest event, which may be an entry not read yet.
      const fallback = (s: Partial<typeof rest>) => { if (!opened) { delete s.detectedAt; delete s.impactStartedAt; delete s.statusSince; } return s; };
      expect(fallback(partialRest)).toEqual(fallback(rest));
      expect(partial.eventCount).toBe(partialEvents.length);
    }), { numRuns: 150 });
  });
});
