// The incremental fast path must give exactly the full projection, whatever the order and batching.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createEvent } from './create';
import { applyEvent, emptyDoc } from './doc';
import type { IncidentEvent } from './events';
import { projectIncident } from './project';
import type { IncidentState } from './state';
import { HybridClock } from '../hlc/hlc';
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

  it('equals the full projection for any event sequence, delivery order, batching and duplication (fast-check)', () => {
    const op = fc.record({
      device: fc.integer({ min: 0, max: 1 }),
      gap: fc.integer({ min: 0, max: 90_000 }),
      backdate: fc.option(fc.integer({ min: 0, max: 7_200_000 }), { freq: 4 }),
      kind: fc.integer({ min: 0, max: 9 }),
      pick: fc.nat(),
    });
    const sequence = fc.array(op, { minLength: 1, maxLength: 60 }).map((ops) => {
      let wall = Date.parse('2026-03-01T10:00:00Z');
      const clocks = [new HybridClock('dev-a', () => wall), new HybridClock('dev-b', () => wall)];
      const id = '01900000-0000-7000-8000-0000000000f1';
      const entries: string[] = [];
      const out: IncidentEvent[] = [];
      ops.forEach((o, i) => {
        wall += o.gap;
        const ctx = { clock: clocks[o.device] as HybridClock, actor: { name: o.device ? 'Bea' : 'Al', deviceId: o.device ? 'dev-b' : 'dev-a' }, now: () => wall };
        const opts = o.backdate === null ? {} : { occurredAt: wall - o.backdate };
        const target = entries.length ? entries[o.pick % entries.length]! : undefined;
        const make = (): IncidentEvent => {
          if (i === 0 || (o.kind === 9 && o.pick % 5 === 0)) {
            return createEvent(ctx, id, 'incident.opened', { title: `T${i}`, detectedAt: '2026-03-01T10:00:00.000Z', impactStartedAt: '2026-03-01T09:50:00.000Z' }) as IncidentEvent;
          }
          if (!target || o.kind < 4) return createEvent(ctx, id, 'entry.added', { kind: 'note', text: `entry ${i}` }, opts) as IncidentEvent;
          if (o.kind < 6) return createEvent(ctx, id, 'entry.amended', { entryId: target, text: `amended ${i}` }, opts) as IncidentEvent;
          if (o.kind === 6) return createEvent(ctx, id, 'entry.retracted', { entryId: target, reason: `wrong ${i}` }, opts) as IncidentEvent;
          if (o.kind === 7) return createEvent(ctx, id, 'entry.starred', { entryId: target, starred: o.pick % 2 === 0 }) as IncidentEvent;
          if (o.kind === 8) return createEvent(ctx, id, 'status.changed', { to: o.pick % 2 ? 'mitigating' : 'identified' }) as IncidentEvent;
          return createEvent(ctx, id, 'step.checked', { stepId: 'detect', itemId: 'a-b' }) as IncidentEvent;
        };
        const event = make();
        if (event.type === 'entry.added') entries.push(event.id);
        out.push(event);
      });
      return out;
    });
    fc.assert(
      fc.property(sequence, fc.array(fc.nat(), { minLength: 60, maxLength: 60 }), fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 60, maxLength: 60 }),
        (events, order, sizes) => {
          // Any delivery order (the opened event may come late), batches of 1-6, and re-delivered events.
          const shuffled = events.map((e, i) => [order[i % order.length]!, i, e] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]).map(([, , e]) => e);
          const doc = emptyDoc(events[0]!.incidentId);
          let state = projectIncident(doc);
          for (let i = 0, b = 0; i < shuffled.length; b++) {
            const batch = shuffled.slice(i, i + sizes[b % sizes.length]!);
            i += batch.length;
            if (b % 3 === 2) batch.push(shuffled[0]!);
            const added = batch.filter((e) => applyEvent(doc, e));
            state = patchState(state, doc, added) ?? projectIncident(doc);
            expect(state).toEqual(projectIncident(doc));
          }
        }),
      { numRuns: 200 },
    );
  });
});

describe('the system timeline through the fast path', () => {
  const id = '01900000-0000-7000-8000-000000000002';
  let wall = Date.parse('2026-03-01T10:00:00Z');
  const ctx = { clock: new HybridClock('dev-a', () => wall), actor: { name: 'Al', deviceId: 'dev-a' }, now: () => wall };
  const make = <E extends IncidentEvent>(e: unknown) => { wall += 1000; return e as E; };
  const opened = make<IncidentEvent>(createEvent(ctx, id, 'incident.opened', { title: 'T', detectedAt: '2026-03-01T10:00:00.000Z', impactStartedAt: '2026-03-01T10:00:00.000Z' }));
  const check = make<IncidentEvent>(createEvent(ctx, id, 'step.checked', { stepId: 'triage', itemId: 'a.1' }));

  it('logging entries keeps the same system timeline (caches keyed on it hold); starring a system event renews it', () => {
    const doc = emptyDoc(id);
    for (const e of [opened, check]) applyEvent(doc, e);
    const before = projectIncident(doc);
    const note = make<IncidentEvent>(createEvent(ctx, id, 'entry.added', { kind: 'note', text: 'DBA joined' }));
    applyEvent(doc, note);
    const logged = patchState(before, doc, [note]) as IncidentState;
    expect(logged.systemTimeline).toBe(before.systemTimeline);
    expect(logged.systemTimeline.map((e) => e.type)).toEqual(['incident.opened', 'step.checked']);
    expect(logged).toEqual(projectIncident(doc));

    const star = make<IncidentEvent>(createEvent(ctx, id, 'entry.starred', { entryId: check.id, starred: true }));
    applyEvent(doc, star);
    const starred = patchState(logged, doc, [star]) as IncidentState;
    expect(starred.systemTimeline).not.toBe(logged.systemTimeline);
    expect(starred.systemTimeline[1]?.starred).toBe(true);
    expect(starred).toEqual(projectIncident(doc));
  });
});
