// The 24-hour date-time text of DateTimeInput: round trip, the T form, and impossible times refused.
import { describe, expect, it } from 'vitest';
import { fromLocalInput, toLocalInput } from './format';

describe('date-time input text', () => {
  it('writes and reads "YYYY-MM-DD HH:MM" on the 24-hour clock in the device zone', () => {
    const at = new Date(2026, 2, 4, 17, 5).getTime();
    expect(toLocalInput(at)).toBe('2026-03-04 17:05');
    expect(fromLocalInput('2026-03-04 17:05')).toBe(at);
    expect(fromLocalInput(' 2026-3-4 17:05 ')).toBe(at);
    expect(fromLocalInput('2026-03-04T17:05')).toBe(at);
  });
  it('refuses empty text, 12-hour text and times that do not exist', () => {
    for (const bad of ['', '2026-03-04', '2026-03-04 5:05 PM', '2026-02-31 10:00', '2026-03-04 24:00', '2026-03-04 10:60', '04/03/2026 10:00']) {
      expect(fromLocalInput(bad)).toBeNaN();
    }
  });
});
