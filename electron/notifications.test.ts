// Notifications fire once per due clock key, honour preferences, and a click reports the incident.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const shown = vi.hoisted(() => [] as Array<{ options: Record<string, unknown>; emit(event: string): boolean }>);
vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  class Notification extends Emitter {
    static isSupported = () => true;
    constructor(readonly options: Record<string, unknown>) {
      super();
    }
    show() {
      shown.push(this);
    }
  }
  return { Notification };
});

const { createNotifier } = await import('./notifications');

const prefs = { enabled: true, sound: true, dueSoon: true };
const onClick = vi.fn();
const notifier = () => createNotifier({ getSettings: () => ({ notifications: prefs }), onClick });
const due = (key: string, extra: Record<string, unknown> = {}) => ({
  key, title: 'Status update due', body: 'INC-7 (P1): next stakeholder update is due', incidentId: 'inc-7', urgency: 'normal' as const, ...extra,
});

beforeEach(() => {
  shown.length = 0;
  onClick.mockClear();
  Object.assign(prefs, { enabled: true, sound: true, dueSoon: true });
});

describe('notifier', () => {
  it('shows one notification per due clock key, however often the renderer asks', () => {
    const n = notifier();
    expect(n.notify(due('inc-7:update:due'))).toBe(true);
    expect(n.notify(due('inc-7:update:due'))).toBe(false);
    expect(n.notify(due('inc-7:update:due'))).toBe(false);
    expect(shown).toHaveLength(1);
  });

  it('notifies again when the same clock changes state (due, then overdue)', () => {
    const n = notifier();
    n.notify(due('inc-7:update:due'));
    n.notify(due('inc-7:update:overdue', { urgency: 'critical' }));
    expect(shown).toHaveLength(2);
    expect(shown[1]?.options).toMatchObject({ urgency: 'critical', timeoutType: 'never' });
  });

  it('stays quiet while notifications are off, without using up the key', () => {
    const n = notifier();
    prefs.enabled = false;
    expect(n.notify(due('inc-7:ack:due'))).toBe(false);
    expect(shown).toHaveLength(0);
    prefs.enabled = true;
    expect(n.notify(due('inc-7:ack:due'))).toBe(true);
    expect(shown).toHaveLength(1);
  });

  it('is silent when the sound preference is off', () => {
    prefs.sound = false;
    notifier().notify(due('k'));
    expect(shown[0]?.options.silent).toBe(true);
  });

  it('reports the incident when the commander clicks the notification', () => {
    notifier().notify(due('k'));
    shown[0]?.emit('click');
    expect(onClick).toHaveBeenCalledWith('inc-7');
  });
});
