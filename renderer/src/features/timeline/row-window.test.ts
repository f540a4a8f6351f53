import { describe, expect, it } from 'vitest';
import { rowWindow } from './row-window';

describe('row window', () => {
  it('renders the rows in view plus overscan, at index × height', () => {
    const w = rowWindow(100_000, 36, null, 36 * 500, 360, 2);
    expect(w.total).toBe(3_600_000);
    expect(w.items.map((i) => i.index)).toEqual([498, 499, 500, 501, 502, 503, 504, 505, 506, 507, 508, 509, 510, 511, 512]);
    expect(w.items[2]).toEqual({ index: 500, start: 18_000, end: 3_600_000 - 18_036, height: 36 });
  });

  it('one taller row pushes the rows after it down and makes the list longer', () => {
    const w = rowWindow(10, 36, { index: 1, height: 100 }, 0, 200, 0);
    expect(w.total).toBe(10 * 36 + 64);
    expect(w.items.map((i) => [i.index, i.start, i.height])).toEqual([[0, 0, 36], [1, 36, 100], [2, 136, 36], [3, 172, 36]]);
  });

  it('a row added at the top (newest first) leaves every other row where it was from the list\'s bottom, with or without a taller row', () => {
    for (const tall of [null, { index: 3, height: 90 }]) {
      const before = rowWindow(1000, 36, tall, 0, 400, 5);
      // The new row is index 0; each row that was there moves one index down (so does the taller one).
      const after = rowWindow(1001, 36, tall && { index: tall.index + 1, height: tall.height }, 0, 400, 5);
      for (const item of before.items) {
        const moved = after.items.find((i) => i.index === item.index + 1);
        if (moved) expect([moved.end, moved.height]).toEqual([item.end, item.height]);
      }
      expect(after.items[0]).toMatchObject({ index: 0, start: 0, end: after.total - 36 });
    }
  });

  it('an empty list renders nothing; a tall row outside the list is ignored', () => {
    expect(rowWindow(0, 36, null, 0, 500, 10).items).toEqual([]);
    expect(rowWindow(3, 36, { index: -1, height: 100 }, 0, 500, 10).total).toBe(108);
  });
});
