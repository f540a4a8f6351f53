// The named commands of the console's features: each refuses bad input with a message and writes nothing, and
// writes its event when accepted (declare, log/amend/retract/star, snooze, acknowledge, steps, roles, comms, actions, review).
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { db, resetDb, stateOf } from '../db/testing';
import { createAction, recordFollowUp, updateAction } from './actions';
import { snoozeClock } from './clocks';
import { respondersOf } from '@shared/incident/acknowledgement';
import { setDisplayName } from '../db/commands';
import { postUpdate } from './comms';
import { emptyClassification } from './declare';
import { declareIncident } from './declare';
import { editPirField, recordBreach } from './pir';
import { assignRole, relieveRole } from './roles';
import { acknowledgeAsResponder, pageRole } from './roles/commands';
import { attachRunbook, checkStep, detachRunbook } from './steps';
import { addEntry, amendEntry, retractEntry, starEntry } from './timeline';

const NOW = Date.parse('2026-03-01T10:00:00Z');
const declare = (title = 'Checkout down') => declareIncident({
  title, impactAt: NOW - 600_000, detectionSource: ' monitor ', drill: false, classification: { ...emptyClassification(), severity: 'P1' },
}, NOW);

beforeEach(resetDb);

describe('declareIncident', () => {
  it('records the incident with its impact start and classification', async () => {
    const id = await declare();
    expect(await stateOf(id)).toMatchObject({ opened: true, title: 'Checkout down', severity: 'P1', detectedAt: NOW, impactStartedAt: NOW - 600_000, detectionSource: 'monitor' });
  });

  it('refuses no title or an impact start in the future, and writes nothing', async () => {
    await expect(declare('  ')).rejects.toThrow('Give the incident a title.');
    await expect(declareIncident({ title: 'x', impactAt: NOW + 3_600_000, detectionSource: '', drill: false, classification: emptyClassification() }, NOW))
      .rejects.toThrow('Impact start cannot be in the future.');
    expect(await db.events.count()).toBe(0);
  });
});

describe('timeline commands', () => {
  it('log, amend, retract and star an entry; the original text stays on record', async () => {
    const id = await declare();
    await addEntry(id, { kind: 'decision', text: 'roll back', occurredAt: NOW - 60_000 });
    const entry = (await stateOf(id)).timeline.find((e) => e.kind === 'decision')!;
    await amendEntry(id, entry.id, ' roll back payments-api ');
    await starEntry(id, entry.id, true);
    await retractEntry(id, entry.id, 'wrong incident');
    const after = (await stateOf(id)).timeline.find((e) => e.id === entry.id)!;
    expect(after).toMatchObject({ text: 'roll back payments-api', originalText: 'roll back', starred: true, occurredAt: NOW - 60_000 });
    expect(after.retracted?.reason).toBe('wrong incident');
  });

  it('refuses an empty amendment or a retraction without a reason', async () => {
    const id = await declare();
    await expect(amendEntry(id, id, ' ')).rejects.toThrow('The amended text must not be empty.');
    await expect(retractEntry(id, id, '')).rejects.toThrow('Give a reason for the retraction.');
    expect(await db.events.count()).toBe(1);
  });
});

describe('clocks, steps, roles, comms', () => {
  it('snoozes with a reason, and refuses without one', async () => {
    const id = await declare();
    await expect(snoozeClock(id, 'response', 600_000, ' ', NOW)).rejects.toThrow('A reason is required to snooze a clock.');
    await snoozeClock(id, 'response', 600_000, 'bridge open', NOW);
    expect((await stateOf(id)).snoozes.response).toMatchObject({ until: NOW + 600_000, reason: 'bridge open' });
  });

  it('ticks steps, attaches runbooks, assigns and relieves roles, posts updates', async () => {
    const id = await declare();
    await checkStep(id, 'detection', 'automated.uptime', true);
    await attachRunbook(id, 'database-outage');
    await assignRole(id, 'incident-commander', 'Al', 'c-1');
    await assignRole(id, 'scribe', 'Bea');
    await relieveRole(id, 'scribe');
    const posted = await postUpdate(id, { audience: 'stakeholders', channel: 'Email', text: 'Investigating' });
    expect(posted.type).toBe('update.posted');
    await expect(postUpdate(id, { audience: 'stakeholders', channel: 'Email', text: '  ' })).rejects.toThrow('The update is empty.');
    let state = await stateOf(id);
    expect(state.acknowledgedAt).toBeNull(); // assigning roles is not anyone acknowledging
    expect(state.checks['detection:automated.uptime']?.checked).toBe(true);
    expect(state.scenarioIds).toEqual(['database-outage']);
    expect(state.roles).toEqual({ 'incident-commander': expect.objectContaining({ person: 'Al', contactId: 'c-1' }) });
    expect(state.updates.map((u) => u.text)).toEqual(['Investigating']);
    await checkStep(id, 'detection', 'automated.uptime', false);
    await detachRunbook(id, 'database-outage');
    state = await stateOf(id);
    expect(state.checks['detection:automated.uptime']?.checked).toBe(false);
    expect(state.scenarioIds).toEqual([]);
  });
});

describe('action items and the review', () => {
  it('creates, changes and follows up an action item; refuses no title or a bad deadline', async () => {
    const id = await declare();
    await expect(createAction(id, { title: ' ', owner: '', deadline: null })).rejects.toThrow('Describe the action.');
    await expect(createAction(id, { title: 'Add alert', owner: '', deadline: Number.NaN })).rejects.toThrow('The deadline is not a valid date.');
    const actionId = await createAction(id, { title: ' Add alert ', owner: ' Bea ', deadline: NOW + 86_400_000 });
    await updateAction(id, actionId, { status: 'in-progress' });
    await recordFollowUp(id, actionId);
    expect((await stateOf(id)).actionItems).toEqual([expect.objectContaining({ id: actionId, title: 'Add alert', owner: 'Bea', status: 'in-progress', deadline: NOW + 86_400_000 })]);
    expect((await stateOf(id)).actionItems[0]?.followedUpAt).not.toBeNull();
  });

  it('edits review fields and records the breach facts', async () => {
    const id = await declare();
    await editPirField(id, 'rootCause', 'pool exhausted');
    await recordBreach(id, { discoveredAt: new Date(NOW).toISOString(), authority: 'CNIL', evidencePreserved: true });
    const state = await stateOf(id);
    expect(state.pir.rootCause).toBe('pool exhausted');
    expect(state.breach).toMatchObject({ discoveredAt: NOW, authority: 'CNIL', evidencePreserved: true });
  });

  it('a responder acknowledges on their own console, never in another\'s name; acknowledging a page takes the role', async () => {
    await setDisplayName('Dana');
    const id = await declare();
    await assignRole(id, 'incident-commander', 'Dana');
    await pageRole(id, 'on-call-engineer', 'Grace');
    let state = await stateOf(id);
    expect(state.acknowledgedAt).toBeNull();
    const [asked] = respondersOf(state);
    expect(asked).toMatchObject({ person: 'Grace', roleId: 'on-call-engineer', by: 'Dana', acknowledgedAt: null });
    await expect(acknowledgeAsResponder(id, 'Dana', asked!, null)).rejects.toThrow('Grace acknowledges on their own console (or from the page\'s link).');
    expect((await stateOf(id)).acknowledgedAt).toBeNull();
    await setDisplayName('Grace'); // Grace's console
    await acknowledgeAsResponder(id, 'Grace', asked!, null);
    state = await stateOf(id);
    expect(state.acknowledgement).toMatchObject({ person: 'Grace', roleId: 'on-call-engineer', via: 'console' });
    expect(state.acknowledgedAt).toBe(state.acknowledgement?.at);
    expect(state.roles['on-call-engineer']).toMatchObject({ person: 'Grace', assignedBy: 'Grace' });
    expect(respondersOf(state)[0]?.acknowledgedAt).toBe(state.acknowledgedAt);
  });
});
