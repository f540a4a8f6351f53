// Several runners watch one live drill, each with its own copy of the state (the console's, the shell's drill list,
// the facilitator's view), caught up at its own pace: an inject this device fired is never fired again by a runner
// whose state has not caught up with it yet (CI once saw the same inject twice on the timeline).
import { describe, expect, it } from 'vitest';
import { createEvent, newId } from '@shared/incident/create';
import type { IncidentEvent } from '@shared/incident/events';
import { fold } from '@shared/incident/fold';
import { HybridClock } from '@shared/hlc/hlc';
import { defaultScripts } from '@shared/drills/default-scripts';
import { claimDue } from './useInjectRunner';

const script = defaultScripts[0]!;
const start = Date.parse('2026-03-01T10:00:00Z');
/** The script's injects in the order they fire. */
const inOrder = () => [...script.injects].sort((a, b) => a.atMinute - b.atMinute);

function drill() {
  const id = newId();
  let t = start;
  const ctx = { clock: new HybridClock('dev-1', () => t), actor: { name: 'Facilitator', deviceId: 'dev-1' }, now: () => t };
  const events: IncidentEvent[] = [
    createEvent(ctx, id, 'incident.opened', { title: 'Drill', detectedAt: new Date(t).toISOString(), impactStartedAt: new Date(t).toISOString(), drill: true }) as IncidentEvent,
    createEvent(ctx, id, 'exercise.control', { action: 'start', scriptId: script.id, mode: 'live' }) as IncidentEvent,
  ];
  const fire = (injectId: string, title: string, text: string) => { t += 1000; events.push(createEvent(ctx, id, 'exercise.inject', { injectId, title, text }) as IncidentEvent); };
  return { id, events, fire };
}

describe('claiming the injects a live drill has due', () => {
  it('a runner whose state lags never fires an inject another runner already fired', () => {
    const { id, events, fire } = drill();
    const first = inOrder()[0]!;
    const now = start + first.atMinute * 60_000 + 1000;
    const stale = fold(id, events); // a runner still without the inject
    const claims = new Set<string>();
    expect(claimDue(stale, script, now, claims).map((i) => i.id)).toContain(first.id);
    fire(first.id, first.title, first.text);
    const fresh = fold(id, events); // the runner that caught up
    expect(claimDue(fresh, script, now, claims).map((i) => i.id)).not.toContain(first.id);
    // The lagging runner ticks again with its old state: the inject is not due to it any more.
    expect(claimDue(stale, script, now, claims).map((i) => i.id)).not.toContain(first.id);
  });

  it('claims every due inject once, in firing order, and none before its minute', () => {
    const { id, events } = drill();
    const order = inOrder();
    const claims = new Set<string>();
    const first = order[0]!;
    expect(claimDue(fold(id, events), script, start + first.atMinute * 60_000 - 1000, claims).map((i) => i.id)).not.toContain(first.id);
    const late = start + (order[order.length - 1]!.atMinute + 1) * 60_000;
    expect(claimDue(fold(id, events), script, late, claims).map((i) => i.id)).toEqual(order.map((i) => i.id));
    expect(claimDue(fold(id, events), script, late, claims)).toEqual([]);
  });
});
