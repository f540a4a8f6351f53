// The incremental fast path must give exactly the full projection, whatever the order and batching.
import { describe, expect, it } from 'vitest';
import { createEvent } from '@shared/incident/create';
import { applyEvent, emptyDoc } from '@shared/incident/doc';
import type { IncidentEvent } from '@shared/incident/events';
import { projectIncident } from '@shared/incident/project';
import type { IncidentState } from '@shared/incident/state';
import { HybridClock } from '@shared/hlc/hlc';
import { patchState } from './incremental';

function prng(seed: number) {
  let s = seed >>> 0;
  return () => { s = (s * 1664525 + 1013904223) >>> 0; return s / 2 ** 32; };
}

function scenario(seed: number): IncidentEvent[] {
  const rand = prng(seed);
  const id = '01900000-0000-7000-8000-000000000001';
  let wall = Date.parse('2026-03-01T10:00:00Z');
  const clocks = [new HybridClock('dev-a', () => wall), new HybridClock('dev-b', () => wall)];
  const ctx = (i: number) => ({ clock: clocks[i] as HybridClock, actor: { name: i ? 'Bea' : 'Al', deviceId: i ? 'dev-b' : 'dev-a' }, now: () => wall });
  const out: IncidentEvent[] = [createEvent(ctx(0), id, 'incident.opened', { title: 'T', detectedAt: '2026-03-01T10:00:00.000Z', impactStartedAt: '2026-03-01T09:50:00.000Z' }) as IncidentEvent];
  const entries: string[] = [];
  const kinds = ['note', 'decision', 'action', 'evidence'] as const;
  for (let i = 0; i < 120; i++) {
    wall += Math.floor(rand() * 5000);
    const who = rand() < 0.5 ? 0 : 1;
    const r = rand();
    const back = rand() < 0.2 ? { occurredAt: wall - Math.floor(rand() * 3_600_000) } : {};
    let e: IncidentEvent;
    if (r < 0.55 || entries.length === 0) {
      e = createEvent(ctx(who), id, 'entry.added', { kind: kinds[Math.floor(rand() * 4)] ?? 'note', text: `entry ${i}` }, back) as IncidentEvent;
      entries.push(e.id);
    } else {
      const target = entries[Math.floor(rand() * entries.length)] as string;
      if (r < 0.7) e = createEvent(ctx(who), id, 'entry.amended', { entryId: target, text: `amended ${i}` }, back) as IncidentEvent;
      else if (r < 0.78) e = createEvent(ctx(who), id, 'entry.retracted', { entryId: target, reason: `wrong ${i}` }) as IncidentEvent;
      else if (r < 0.9) e = createEvent(ctx(who), id, 'entry.starred', { entryId: target, starred: rand() < 0.7 }) as IncidentEvent;
      else if (r < 0.95) e = createEvent(ctx(who), id, 'status.changed', { to: 'mitigating' }) as IncidentEvent;
      else e = createEvent(ctx(who), id, 'step.checked', { stepId: 'detect', itemId: 'a-b' }) as IncidentEvent;
    }
    out.push(e);
  }
  return out;
}

describe('patchState', () => {
  for (const seed of [1, 2, 3, 42, 1234]) {
    it(`equals the full projection at every step, shuffled delivery in batches (seed ${seed})`, () => {
      const rand = prng(seed * 7 + 1);
      const events = scenario(seed);
      const [opened, ...rest] = events;
      // Deliver the opened event first, then the rest shuffled, in batches of 1-4, with some duplicates.
      const shuffled = rest.map((e) => [rand(), e] as const).sort((a, b) => a[0] - b[0]).map(([, e]) => e);
      const doc = emptyDoc(opened!.incidentId);
      applyEvent(doc, opened!);
      let state: IncidentState = projectIncident(doc);
      let patched = 0;
      for (let i = 0; i < shuffled.length;) {
        const batch = shuffled.slice(i, i + 1 + Math.floor(rand() * 4));
        i += batch.length;
        if (rand() < 0.1) batch.push(batch[0]!);
        const added = batch.filter((e) => applyEvent(doc, e));
        const next = patchState(state, doc, added);
        if (next) patched++;
        state = next ?? projectIncident(doc);
        expect(state).toEqual(projectIncident(doc));
      }
      expect(patched).toBeGreaterThan(10);
    });
  }

  it('declines when the incident is not opened yet or a non-entry event arrives', () => {
    const events = scenario(9);
    const doc = emptyDoc(events[0]!.incidentId);
    const before = projectIncident(doc);
    applyEvent(doc, events[1]!);
    expect(patchState(before, doc, [events[1]!])).toBeNull();
  });
});
