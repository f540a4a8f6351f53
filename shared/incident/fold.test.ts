import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createEvent } from './create';
import type { IncidentEvent } from './events';
import { applyEvent, docFromEvents, mergeDocs } from './doc';
import { fold } from './fold';
import { projectIncident } from './project';
import { HybridClock } from '../hlc/hlc';
import { IncidentBuilder, min, T0 } from '../../test/fixtures/incident-builder';

const INCIDENT = '0190a000-0000-7000-8000-0000000000aa';
const ENTRY_IDS = ['0190a000-0000-7000-8000-00000000e001', '0190a000-0000-7000-8000-00000000e002'];

/** Random edits from three devices with skewed clocks, all touching the same fields. */
const arbitraryEvents = fc
  .array(
    fc.record({
      device: fc.integer({ min: 0, max: 2 }),
      at: fc.integer({ min: 0, max: 120 }),
      backdate: fc.integer({ min: 0, max: 30 }),
      op: fc.integer({ min: 0, max: 11 }),
      pick: fc.integer({ min: 0, max: 3 }),
    }),
    { minLength: 1, maxLength: 40 },
  )
  .map((ops) => {
    const skew = [0, 90_000, -45_000];
    const clocks = [0, 1, 2].map((d) => {
      let wall = 0;
      const clock = new HybridClock(`dev-${d}`, () => wall);
      return { set: (t: number) => (wall = t + (skew[d] as number)), clock, actor: { name: `Person ${d}`, deviceId: `dev-${d}` } };
    });
    const events: IncidentEvent[] = [];
    const severities = ['P0', 'P1', 'P2', 'P3'];
    const statuses = ['investigating', 'identified', 'mitigating', 'monitoring', 'resolved'] as const;
    for (const [i, op] of ops.entries()) {
      const device = clocks[op.device]!;
      const recorded = min(op.at);
      device.set(recorded);
      const ctx = { clock: device.clock, actor: device.actor, now: () => recorded };
      const occurredAt = recorded - op.backdate * 60_000;
      const mk = <T extends IncidentEvent['type']>(type: T, payload: Parameters<typeof createEvent<T>>[3], id?: string) =>
        events.push(createEvent(ctx, INCIDENT, type, payload, { occurredAt, id }) as IncidentEvent);
      switch (op.op) {
        case 0: mk('incident.opened', { title: `Title ${i}`, detectedAt: new Date(T0).toISOString(), impactStartedAt: new Date(T0).toISOString(), severity: 'P1' }); break;
        case 1: mk('severity.changed', { to: severities[op.pick]!, reason: `r${i}` }); break;
        case 2: mk('status.changed', { to: statuses[op.pick]! }); break;
        case 3: {
          // An id names one event: each fixed entry id is used by at most one entry.
          const id = op.pick < 2 && !events.some((e) => e.id === ENTRY_IDS[op.pick]) ? ENTRY_IDS[op.pick] : undefined;
          mk('entry.added', { kind: 'note', text: `note ${i}` }, id);
          break;
        }
        case 4: mk('entry.amended', { entryId: ENTRY_IDS[op.pick % 2]!, text: `amended ${i}` }); break;
        case 5: mk('entry.retracted', { entryId: ENTRY_IDS[op.pick % 2]!, reason: `wrong ${i}` }); break;
        case 6: mk(op.pick % 2 ? 'step.checked' : 'step.unchecked', { stepId: 'investigation', itemId: 'gather.what' }); break;
        case 7: mk(op.pick % 2 ? 'role.assigned' : 'role.relieved', op.pick % 2 ? { roleId: 'incident-commander', person: `Person ${op.device}` } : { roleId: 'incident-commander' }); break;
        case 8: mk('update.posted', { audience: op.pick % 2 ? 'users' : 'stakeholders', channel: 'Email', text: `update ${i}` }); break;
        case 9: mk('pir.edited', { field: 'rootCause', value: `cause ${i}` }); break;
        case 10: mk('entry.starred', { entryId: ENTRY_IDS[op.pick % 2]!, starred: op.pick > 1 }); break;
        default: mk('incident.classified', { category: ['infrastructure', 'application', 'security', 'data'][op.pick]!, scope: `${i} users` }); break;
      }
    }
    return events;
  });

describe('fold: a deterministic function of the event set', () => {
  it('any permutation and any duplication folds to the identical state', () => {
    fc.assert(
      fc.property(arbitraryEvents, fc.infiniteStream(fc.nat()), fc.array(fc.nat(), { maxLength: 20 }), (events, randoms, dupes) => {
        const shuffled = [...events];
        for (let i = shuffled.length - 1; i > 0; i--) {
          const j = (randoms.next().value as number) % (i + 1);
          [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
        }
        const withDuplicates = [...shuffled, ...dupes.map((d) => events[d % events.length]!)];
        expect(fold(INCIDENT, withDuplicates)).toEqual(fold(INCIDENT, events));
      }),
      { numRuns: 300 },
    );
  });

  it('folding two halves and merging equals folding the union', () => {
    fc.assert(
      fc.property(arbitraryEvents, fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }), (events, side) => {
        const a = events.filter((_, i) => side[i]);
        const b = events.filter((_, i) => !side[i]);
        // Overlap: both replicas may hold some of the same events.
        const overlap = events.slice(0, 3);
        const merged = mergeDocs(docFromEvents(INCIDENT, [...a, ...overlap]), docFromEvents(INCIDENT, [...b, ...overlap]));
        expect(projectIncident(merged)).toEqual(fold(INCIDENT, events));
        // Applying the other half's events one by one onto a folded doc gives the same state too.
        const incremental = docFromEvents(INCIDENT, a);
        for (const event of b) applyEvent(incremental, event);
        expect(projectIncident(incremental)).toEqual(fold(INCIDENT, events));
      }),
      { numRuns: 300 },
    );
  });
});

describe('fold: what the commander sees', () => {
  it('concurrent edits of one field: the later clock wins, the losing value stays in the timeline', () => {
    const a = new IncidentBuilder(undefined, 'Alex', 'laptop-a');
    a.open('P2');
    const b = new IncidentBuilder(a.incidentId, 'Sam', 'laptop-b');
    b.add(min(5), 'severity.changed', { to: 'P1', reason: 'error rate 7%' });
    a.add(min(5) + 10, 'severity.changed', { to: 'P0', reason: 'checkout down' });
    const state = fold(a.incidentId, [...a.events, ...b.events]);
    expect(state.severity).toBe('P0');
    expect(state.severityHistory.map((h) => h.severity)).toEqual(['P2', 'P1', 'P0']);
    expect(state.timeline.filter((e) => e.type === 'severity.changed')).toHaveLength(2);
  });

  it('amendments and retractions are new entries: the original text is kept and shown as amended', () => {
    const inc = new IncidentBuilder();
    inc.open();
    const note = inc.add(min(1), 'entry.added', { kind: 'note', text: 'DB at 100% CPU' });
    inc.add(min(2), 'entry.amended', { entryId: note.id, text: 'DB replica at 100% CPU' });
    const wrong = inc.add(min(3), 'entry.added', { kind: 'decision', text: 'Fail over to region B' });
    inc.add(min(4), 'entry.retracted', { entryId: wrong.id, reason: 'logged on the wrong incident' });
    const state = inc.state();
    const entry = state.timeline.find((e) => e.id === note.id)!;
    expect(entry.text).toBe('DB replica at 100% CPU');
    expect(entry.originalText).toBe('DB at 100% CPU');
    expect(entry.amendments).toHaveLength(1);
    expect(state.timeline.find((e) => e.id === wrong.id)!.retracted?.reason).toBe('logged on the wrong incident');
    expect(state.eventCount).toBe(5);
  });

  it('back-dated entries sort by when they happened and are marked back-dated', () => {
    const inc = new IncidentBuilder();
    inc.open('P1', min(0));
    inc.add(min(10), 'entry.added', { kind: 'note', text: 'late note' });
    inc.add(min(12), 'entry.added', { kind: 'note', text: 'deploy at 10:05' }, min(5));
    const texts = inc.state().timeline.map((e) => e.text ?? e.type);
    expect(texts).toEqual(['incident.opened', 'deploy at 10:05', 'late note']);
    expect(inc.state().timeline[1]!.backdated).toBe(true);
  });

  it('milestones: acknowledged, mitigated, resolved and reopened', () => {
    const inc = new IncidentBuilder();
    inc.open('P1');
    inc.add(min(3), 'role.assigned', { roleId: 'incident-commander', person: 'Alex' });
    inc.add(min(20), 'status.changed', { to: 'monitoring' });
    inc.add(min(25), 'status.changed', { to: 'investigating', reason: 'recurred' });
    expect(inc.state().mitigatedAt).toBe(min(20));
    expect(inc.state().monitoringSince).toBeNull();
    inc.add(min(40), 'status.changed', { to: 'monitoring' });
    inc.add(min(70), 'status.changed', { to: 'resolved' });
    const state = inc.state();
    expect(state.acknowledgedAt).toBe(min(3));
    expect(state.resolvedAt).toBe(min(70));
    expect(state.statusHistory.map((s) => s.status)).toEqual(['monitoring', 'investigating', 'monitoring', 'resolved']);
  });

  it('an event that arrives before the incident is opened is kept; the incident shows once opened', () => {
    const inc = new IncidentBuilder();
    const opened = inc.open();
    const note = inc.add(min(1), 'entry.added', { kind: 'note', text: 'first' });
    const early = fold(inc.incidentId, [note]);
    expect(early.opened).toBe(false);
    expect(fold(inc.incidentId, [note, opened]).opened).toBe(true);
  });

  it('events of another incident are ignored by this incident\'s fold', () => {
    const a = new IncidentBuilder();
    a.open();
    const other = new IncidentBuilder('0190a000-0000-7000-8000-0000000000ff');
    other.open('P0');
    expect(fold(a.incidentId, [...a.events, ...other.events]).eventCount).toBe(1);
  });
});

describe('correcting when impact started', () => {
  it('a later classification can correct the impact start; the original stays in the timeline', () => {
    const inc = new IncidentBuilder();
    inc.open('P1');
    inc.add(min(5), 'incident.classified', { impactStartedAt: new Date(min(-20)).toISOString() });
    const state = inc.state();
    expect(state.impactStartedAt).toBe(min(-20));
    expect(state.timeline.map((e) => e.type)).toEqual(['incident.opened', 'incident.classified']);
  });
});
