// Which emails a maintenance window sends and when (Statuspage's: on scheduling if asked, a reminder 60 minutes
// before, at the automatic start and end if asked, and each update posted with "email the subscribers"), and the
// fold's edits: title, description, automatic emails, cancellation.
import { describe, expect, it } from 'vitest';
import { createEvent, newId } from '../incident/create';
import type { IncidentEvent, PayloadInput } from '../incident/events';
import { HybridClock } from '../hlc/hlc';
import { MAINTENANCE_STREAM_ID } from '../workspace/streams';
import { dueNotices, windowNotices } from './notices';
import { foldMaintenance, isActive, maintenanceStatus, maintenanceUpdates } from './windows';

const H = 3_600_000;
const T0 = Date.parse('2026-12-10T02:00:00Z'); // the window's start
let wall = T0 - 48 * H;
const ctx = { clock: new HybridClock('dev-1'), actor: { name: 'Ada', deviceId: 'dev-1' }, now: () => wall };
const id = newId();
const iso = (ms: number) => new Date(ms).toISOString();

function scheduled(over: Partial<PayloadInput<'maintenance.scheduled'>> = {}): IncidentEvent {
  return createEvent(ctx, MAINTENANCE_STREAM_ID, 'maintenance.scheduled', {
    maintenanceId: id, title: 'Database upgrade', text: 'Payments may pause for a minute.', componentIds: ['payments'],
    startsAt: iso(T0), endsAt: iso(T0 + 2 * H), ...over,
  }) as IncidentEvent;
}
function updated(at: number, payload: Omit<PayloadInput<'maintenance.updated'>, 'maintenanceId'>): IncidentEvent {
  wall = at;
  return createEvent(ctx, MAINTENANCE_STREAM_ID, 'maintenance.updated', { maintenanceId: id, ...payload }) as IncidentEvent;
}
const kinds = (events: IncidentEvent[], now: number) => dueNotices(foldMaintenance(events), now).map((n) => n.kind);

describe('maintenance notices', () => {
  it('sends nothing unless asked: a window without emails is only on the page', () => {
    wall = T0 - 48 * H;
    const events = [scheduled()];
    for (const now of [T0 - 47 * H, T0 - H, T0 + H, T0 + 3 * H]) expect(kinds(events, now)).toEqual([]);
  });

  it('announces at once, reminds 60 minutes before, notices the start and the end, each in its own moment', () => {
    wall = T0 - 48 * H;
    const events = [scheduled({ notifySubscribers: true, autoNotify: { reminder: true, start: true, end: true } })];
    expect(kinds(events, T0 - 47 * H)).toEqual(['scheduled']);
    expect(kinds(events, T0 - 30 * 60_000)).toEqual(['scheduled', 'reminder']);
    expect(kinds(events, T0 + 1)).toEqual(['scheduled', 'started']);
    expect(kinds(events, T0 + 2 * H + 1)).toEqual(['completed']);
    expect(kinds(events, T0 + 2 * H + 25 * H)).toEqual([]); // a day late: not sent at all
    // Each has one id whenever it is asked for: the worker's key for exactly once.
    const ids = (now: number) => windowNotices(foldMaintenance(events)[0]!, now).map((n) => n.id);
    expect(ids(T0 + 2 * H + 1)).toEqual(ids(T0 + 2 * H + 60_000));
    // Listed ahead (the console shows them as due) with the ids they are sent under.
    const ahead = windowNotices(foldMaintenance(events)[0]!, T0 - 47 * H);
    expect(ahead.map((n) => [n.kind, n.dueAt])).toEqual([['scheduled', T0 - 48 * H], ['reminder', T0 - H], ['started', T0], ['completed', T0 + 2 * H]]);
    expect(ahead.map((n) => n.id)).toEqual([...ids(T0 - 47 * H)]);
    expect(ahead.find((n) => n.kind === 'started')!.id).toBe(dueNotices(foldMaintenance(events), T0 + 1).find((n) => n.kind === 'started')!.id);
    const started = dueNotices(foldMaintenance(events), T0 + 1).find((n) => n.kind === 'started')!;
    expect(started).toMatchObject({ status: 'in_progress', dueAt: T0, until: T0 + 2 * H });
  });

  it('a window planned less than an hour ahead gets no reminder (its announcement is one)', () => {
    wall = T0 - 30 * 60_000;
    expect(kinds([scheduled({ notifySubscribers: true, autoNotify: { reminder: true, start: false, end: false } })], T0 - 10 * 60_000)).toEqual(['scheduled']);
  });

  it('an update posted with "email the subscribers" is one notice; a cancellation stops the reminder and the start', () => {
    wall = T0 - 48 * H;
    const base = scheduled({ autoNotify: { reminder: true, start: true, end: true } });
    const silent = updated(T0 - 20 * H, { text: 'We will also restart the workers.' });
    const told = updated(T0 - 10 * H, { text: 'Moved by an hour.', startsAt: iso(T0 + H), endsAt: iso(T0 + 3 * H), notifySubscribers: true });
    expect(kinds([base, silent, told], T0 - 9 * H)).toEqual(['update']);
    const cancel = updated(T0 - 5 * H, { status: 'completed', cancelled: true, text: 'Cancelled: the vendor postponed the upgrade.', notifySubscribers: true });
    const all = [base, silent, told, cancel];
    const [w] = foldMaintenance(all);
    expect(w!.cancelledAt).toBe(T0 - 5 * H);
    expect(maintenanceStatus(w!, T0 + 2 * H)).toBe('completed');
    expect(isActive(w!, T0 + 2 * H)).toBe(false);
    expect(kinds(all, T0 - 4 * H)).toEqual(['update', 'cancelled']);
    expect(kinds(all, T0 + H - 30 * 60_000)).toEqual(['update', 'cancelled']); // no reminder
    expect(kinds(all, T0 + H + 1)).toEqual(['update', 'cancelled']); // no start
  });

  it('a manual "in progress" replaces the automatic start: emailed only if that post asks', () => {
    wall = T0 - 48 * H;
    const events = [scheduled({ autoNotify: { reminder: false, start: true, end: false } }), updated(T0 - 5 * 60_000, { status: 'in_progress', text: 'Starting a little early.' })];
    expect(kinds(events, T0 + 60_000)).toEqual([]);
  });
});

describe('editing a window', () => {
  it('title, description and automatic emails: the latest wins; the description is the scheduled update\'s text', () => {
    wall = T0 - 48 * H;
    const events = [
      scheduled(),
      updated(T0 - 40 * H, { title: 'Database upgrade (v16)', description: 'Payments pause for up to two minutes.', autoNotify: { reminder: true, start: false, end: false } }),
    ];
    const [w] = foldMaintenance([...events].reverse()); // any arrival order
    expect(w).toMatchObject({ title: 'Database upgrade (v16)', text: 'Payments pause for up to two minutes.', autoNotify: { reminder: true, start: false, end: false } });
    expect(maintenanceUpdates(w!, T0 - 39 * H).map((u) => u.text)).toEqual(['Payments pause for up to two minutes.']);
  });

  it('refuses a cancellation without its reason and an email of no text', () => {
    expect(() => updated(T0, { status: 'completed', cancelled: true })).toThrow(/cancellation/);
    expect(() => updated(T0, { status: 'verifying', notifySubscribers: true })).toThrow(/only an update with a text/);
  });
});
