// Which alerts notify and which play the sound, under each notification preference.
import { describe, expect, it } from 'vitest';
import { alertOutputs } from './notification-rules';

const on = { enabled: true, sound: true, dueSoon: true };

describe('alertOutputs', () => {
  it('notifies due soon and overdue, with the sound only for overdue', () => {
    expect(alertOutputs(on, 'due-soon')).toEqual({ notify: true, sound: false });
    expect(alertOutputs(on, 'overdue')).toEqual({ notify: true, sound: true });
  });

  it('sends nothing at all when notifications are disabled', () => {
    for (const state of ['due-soon', 'overdue', 'ok'] as const) {
      expect(alertOutputs({ ...on, enabled: false }, state)).toEqual({ notify: false, sound: false });
    }
  });

  it('skips due-soon notices when they are off but still notifies overdue', () => {
    const prefs = { ...on, dueSoon: false };
    expect(alertOutputs(prefs, 'due-soon').notify).toBe(false);
    expect(alertOutputs(prefs, 'overdue').notify).toBe(true);
  });

  it('stays silent when the sound is off', () => {
    expect(alertOutputs({ ...on, sound: false }, 'overdue')).toEqual({ notify: true, sound: false });
  });
});
