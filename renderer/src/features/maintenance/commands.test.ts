// Planning maintenance on the console: each command writes one maintenance-stream event (that syncs and the server
// publishes), refuses what the form got wrong in its own words, and writes nothing then.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { NO_AUTO_NOTIFY } from '@shared/incident/events-maintenance';
import { foldMaintenance, maintenanceStatus } from '@shared/maintenance/windows';
import { MAINTENANCE_STREAM_ID } from '@shared/workspace/streams';
import { db, resetDb } from '../../db/testing';
import { eventOfRow } from '../../db/types';
import { cancelMaintenance, editMaintenance, postMaintenanceUpdate, scheduleMaintenance, type WindowDraft } from './commands';
import { countUnsent } from '../../db/outbox';

const H = 3_600_000;
const START = Date.now() + 24 * H;
const draft = (over: Partial<WindowDraft> = {}): WindowDraft => ({
  title: ' Database upgrade ', text: 'Card payments may pause for a minute.', componentIds: ['payments'], startsAt: START, endsAt: START + 2 * H, autoNotify: NO_AUTO_NOTIFY, ...over,
});
const stream = async () => (await db.events.where('incidentId').equals(MAINTENANCE_STREAM_ID).toArray()).map(eventOfRow);
const windows = async () => foldMaintenance(await stream());

beforeEach(resetDb);

describe('maintenance commands', () => {
  it('schedules a window as one event of the maintenance stream, with its emails', async () => {
    const id = await scheduleMaintenance(draft({ autoNotify: { reminder: true, start: false, end: true } }), true);
    const [w] = await windows();
    expect(w).toMatchObject({ id, title: 'Database upgrade', componentIds: ['payments'], startsAt: START, endsAt: START + 2 * H, notifySubscribers: true, autoNotify: { reminder: true, start: false, end: true } });
    expect(await countUnsent(db)).toBe(1); // it goes to the server
    expect(await db.incidents.count()).toBe(0); // not an incident
  });

  it('refuses an empty title or text, no component, an unreadable time, a backwards or too long window; writes nothing', async () => {
    await expect(scheduleMaintenance(draft({ title: ' ' }), false)).rejects.toThrow('Give the maintenance a title');
    await expect(scheduleMaintenance(draft({ text: '' }), false)).rejects.toThrow('Say what people may notice');
    await expect(scheduleMaintenance(draft({ componentIds: [] }), false)).rejects.toThrow('Tick at least one affected component.');
    await expect(scheduleMaintenance(draft({ startsAt: Number.NaN }), false)).rejects.toThrow('Enter the start as YYYY-MM-DD HH:MM');
    await expect(scheduleMaintenance(draft({ endsAt: START - H }), false)).rejects.toThrow('The window must end after it starts.');
    await expect(scheduleMaintenance(draft({ endsAt: START + 15 * 24 * H }), false)).rejects.toThrow('A window lasts at most 14 days.');
    expect(await db.events.count()).toBe(0);
  });

  it('an edit records only what changed; both times together when either moved', async () => {
    await scheduleMaintenance(draft(), false);
    const [w] = await windows();
    await expect(editMaintenance(w!, draft())).rejects.toThrow('Nothing changed.');
    await editMaintenance(w!, draft({ endsAt: START + 3 * H, componentIds: ['payments', 'api'] }));
    const last = (await stream()).at(-1)!;
    expect(last.payload).toEqual({ maintenanceId: w!.id, startsAt: new Date(START).toISOString(), endsAt: new Date(START + 3 * H).toISOString(), componentIds: ['payments', 'api'] });
    const [edited] = await windows();
    expect(edited).toMatchObject({ endsAt: START + 3 * H, componentIds: ['payments', 'api'], title: 'Database upgrade' });
  });

  it('posts progress with a text, optionally emailed; cancelling completes it and nothing more can be posted', async () => {
    await scheduleMaintenance(draft({ startsAt: Date.now() - H, endsAt: Date.now() + H }), false);
    let [w] = await windows();
    await expect(postMaintenanceUpdate(w!, { status: 'verifying', text: ' ', notify: true })).rejects.toThrow('Write the update');
    await postMaintenanceUpdate(w!, { status: 'verifying', text: 'Checking payments.', notify: true });
    [w] = await windows();
    expect(maintenanceStatus(w!, Date.now())).toBe('verifying');
    expect(w!.posted.at(-1)).toMatchObject({ status: 'verifying', text: 'Checking payments.', notify: true });
    await expect(cancelMaintenance(w!, { text: '', notify: false })).rejects.toThrow('Say why it is cancelled');
    await cancelMaintenance(w!, { text: 'Called off: rolled back.', notify: false });
    [w] = await windows();
    expect(maintenanceStatus(w!, Date.now())).toBe('completed');
    expect(w!.cancelledAt).not.toBeNull();
    const before = await db.events.count();
    await expect(postMaintenanceUpdate(w!, { status: 'in_progress', text: 'Again', notify: false })).rejects.toThrow('is cancelled: it cannot be updated');
    await expect(editMaintenance(w!, draft({ title: 'Other' }))).rejects.toThrow('is cancelled: it cannot be edited');
    expect(await db.events.count()).toBe(before);
  });
});
