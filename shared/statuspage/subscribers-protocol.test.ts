import { describe, expect, it } from 'vitest';
import { subscribersCsv, subscribersJson, type SubscriberRecord } from './subscribers-protocol';

const names = new Map([['payments', 'Payment processing'], ['api', 'Public API']]);
const rows: SubscriberRecord[] = [
  { id: 'a', email: 'ann@example.test', components: ['payments', 'api'], state: 'confirmed', createdAt: '2026-12-01T10:00:00.000Z', confirmedAt: '2026-12-01T10:05:00.000Z' },
  { id: 'b', email: '=HYPERLINK("http://evil")@example.test', components: [], state: 'confirmed', createdAt: '2026-12-02T10:00:00.000Z', confirmedAt: '2026-12-02T10:01:00.000Z' },
  { id: 'c', email: 'cy@example.test', components: ['gone'], state: 'waiting for confirmation', createdAt: '2026-12-03T10:00:00.000Z', confirmedAt: null },
];

describe('subscriber export', () => {
  it('CSV: one row per address with its components by name, times, and no cell a spreadsheet evaluates', () => {
    const csv = subscribersCsv(rows, names);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('Email,Components,Component ids,State,Subscribed at,Confirmed at');
    expect(lines[1]).toBe('ann@example.test,Payment processing; Public API,payments api,confirmed,2026-12-01T10:00:00.000Z,2026-12-01T10:05:00.000Z');
    // An address may start with "=": it is exported as text, quoted because it holds quotes.
    expect(lines[2]).toBe('"\'=HYPERLINK(""http://evil"")@example.test",All components,,confirmed,2026-12-02T10:00:00.000Z,2026-12-02T10:01:00.000Z');
    expect(lines[3]).toBe('cy@example.test,gone (no longer on the page),gone,waiting for confirmation,2026-12-03T10:00:00.000Z,');
    expect(lines[4]).toBe('');
    expect(csv).not.toContain('"a"'); // ids stay out of the files
  });

  it('JSON: addresses, components (id and name), state and times, nothing else', () => {
    const json = JSON.parse(subscribersJson(rows, names, new Date('2026-12-07T08:00:00Z'))) as { exportedAt: string; subscribers: unknown[] };
    expect(json.exportedAt).toBe('2026-12-07T08:00:00.000Z');
    expect(json.subscribers[0]).toEqual({
      email: 'ann@example.test', allComponents: false,
      components: [{ id: 'payments', name: 'Payment processing' }, { id: 'api', name: 'Public API' }],
      state: 'confirmed', subscribedAt: '2026-12-01T10:00:00.000Z', confirmedAt: '2026-12-01T10:05:00.000Z',
    });
    expect(json.subscribers[1]).toMatchObject({ allComponents: true, components: [] });
    expect(json.subscribers[2]).toMatchObject({ components: [{ id: 'gone', name: null }], confirmedAt: null });
  });
});
