// Console header commands: each refuses what the form used to refuse, and writes its one event when accepted.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { newId } from '@shared/incident/create';
import { recordEvents } from '../../db/commands';
import { db, resetDb, stateOf } from '../../db/testing';
import { emptyClassification } from '../declare';
import { changeSeverity, changeStatus, classify } from './commands';

const detectedAt = '2026-03-01T10:00:00.000Z';
async function openIncident() {
  const id = newId();
  await recordEvents([{ incidentId: id, type: 'incident.opened', payload: { title: 'Checkout down', detectedAt, impactStartedAt: detectedAt, severity: 'P2' } }]);
  return stateOf(id);
}

beforeEach(resetDb);

describe('changeSeverity', () => {
  it('records the change with its reason', async () => {
    const state = await openIncident();
    await changeSeverity(state, 'P1', '  error rate doubled ');
    const after = await stateOf(state.id);
    expect(after.severity).toBe('P1');
    expect(after.severityHistory.at(-1)).toMatchObject({ severity: 'P1', reason: 'error rate doubled' });
  });

  it('refuses the same severity or no reason, and writes nothing', async () => {
    const state = await openIncident();
    await expect(changeSeverity(state, 'P2', 'why not')).rejects.toThrow('That is already the severity.');
    await expect(changeSeverity(state, 'P1', '  ')).rejects.toThrow('Give a reason for the change.');
    expect(await db.events.count()).toBe(1);
  });
});

describe('changeStatus', () => {
  it('records a move and skips a move to the same status', async () => {
    const state = await openIncident();
    await changeStatus(state, 'investigating', '');
    expect(await db.events.count()).toBe(1);
    await changeStatus(state, 'identified', 'found it');
    expect((await stateOf(state.id)).status).toBe('identified');
  });
});

describe('classify', () => {
  it('records the classification and a corrected impact start', async () => {
    const state = await openIncident();
    const now = Date.parse('2026-03-01T11:00:00Z');
    await classify(state, { ...emptyClassification(), severity: 'P1', category: state.category ?? '', scope: 'EU', impact: 'checkout' }, Date.parse('2026-03-01T09:30:00Z'), now);
    const after = await stateOf(state.id);
    expect(after).toMatchObject({ severity: 'P1', scope: 'EU', impact: 'checkout', impactStartedAt: Date.parse('2026-03-01T09:30:00Z') });
  });

  it('refuses an impact start in the future and writes nothing', async () => {
    const state = await openIncident();
    const now = Date.parse('2026-03-01T11:00:00Z');
    await expect(classify(state, emptyClassification(), now + 3_600_000, now)).rejects.toThrow('Impact start cannot be in the future.');
    expect(await db.events.count()).toBe(1);
  });
});
