// Drill commands write all the events of one action in one transaction: a drill is never opened but not started.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { defaultScripts } from '@shared/drills/default-scripts';
import { defaultPlan } from '@shared/plan/default-plan';
import { db, resetDb, stateOf } from '../../db/testing';
import { endExercise, recordTraining, startDrill } from './commands';
import { runnableDrillStates } from './useDrillStates';
import { recordEvent } from '../../db/commands';
import { summariesSettled } from '../../db/summaries';
import { countUnsent } from '../../db/outbox';

const script = defaultScripts[0]!;
beforeEach(resetDb);

describe('startDrill', () => {
  it('opens the drill, starts the exercise and logs the opening situation together', async () => {
    const id = await startDrill(script, 'live', defaultPlan, Date.parse('2026-03-01T10:00:00Z'));
    const state = await stateOf(id);
    expect(state).toMatchObject({ opened: true, drill: true, title: `Drill: ${script.title}` });
    expect(state.exercise.controls).toEqual([expect.objectContaining({ action: 'start', scriptId: script.id, mode: 'live' })]);
    expect(state.timeline.some((e) => e.text === `Opening situation: ${script.openingSituation}`)).toBe(true);
    expect(await countUnsent(db)).toBe(3);
  });

  it('a drill of a scenario the plan restricts (the data breach) is restricted like the real thing; others are open', async () => {
    const breach = defaultScripts.find((s) => s.scenarioId === 'data-breach');
    if (!breach) throw new Error('the default scripts have a data breach drill');
    expect((await stateOf(await startDrill(breach, 'live', defaultPlan))).visibility.restricted).toBe(true);
    expect((await stateOf(await startDrill(script, 'live', defaultPlan))).visibility.restricted).toBe(false);
  });

  it('writes nothing at all when its last event is invalid (no drill opened but not started)', async () => {
    // Longer than an entry's text may be: the first two events are valid, the third is not.
    const broken = { ...script, openingSituation: 'x'.repeat(25_000) };
    await expect(startDrill(broken, 'live', defaultPlan)).rejects.toThrow();
    expect(await db.events.count()).toBe(0);
    expect(await countUnsent(db)).toBe(0);
    expect(await db.incidents.count()).toBe(0);
  });
});

describe('endExercise and recordTraining', () => {
  it('ends and closes a running drill in one write', async () => {
    const id = await startDrill(script, 'tabletop', defaultPlan);
    await endExercise(await stateOf(id));
    const state = await stateOf(id);
    expect(state.status).toBe('closed');
    expect(state.exercise.controls.map((c) => c.action)).toEqual(['start', 'end']);
  });

  it('records a training session as a closed drill of five events, back-dated to when it was held', async () => {
    const heldAt = Date.parse('2026-02-20T09:00:00Z');
    const id = await recordTraining({ name: 'On-call basics', heldAt, durationMinutes: 90, notes: ' Attended: Al, Bea ' });
    const state = await stateOf(id);
    expect(state).toMatchObject({ status: 'closed', drill: true, title: 'Training: On-call basics', detectedAt: heldAt });
    expect(state.exercise.controls.map((c) => [c.action, c.at])).toEqual([['start', heldAt], ['end', heldAt + 90 * 60_000]]);
    expect(await db.events.count()).toBe(5);
  });
});

describe('the drills the shell keeps firing injects for', () => {
  it('a drill marked resolved while its exercise runs keeps its injects (a script may relapse); ending the exercise stops them', async () => {
    const id = await startDrill(script, 'live', defaultPlan);
    // Read once the list's summaries (the status index) caught up with the writes, as the live query is.
    const runnable = async () => { await summariesSettled(db); return (await runnableDrillStates(db)).map((s) => s.id); };
    expect(await runnable()).toEqual([id]);
    await recordEvent(id, 'status.changed', { from: 'investigating', to: 'resolved', reason: 'restart fixed it' });
    expect((await stateOf(id)).status).toBe('resolved');
    expect(await runnable()).toEqual([id]);
    await recordEvent(id, 'status.changed', { from: 'resolved', to: 'closed', reason: 'drill over' });
    expect(await runnable()).toEqual([]);
  });
});
