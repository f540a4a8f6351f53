import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ClockDriftError, compareHlc, decodeHlc, encodeHlc, HybridClock, MAX_DRIFT_MS } from './hlc';

describe('hybrid logical clock', () => {
  it('stamps strictly increase even when the wall clock stands still or goes back', () => {
    let wall = 1_000;
    const clock = new HybridClock('a', () => wall);
    const first = clock.now();
    const second = clock.now();
    wall = 500; // the laptop's clock was set back
    const third = clock.now();
    expect(compareHlc(first, second)).toBeLessThan(0);
    expect(compareHlc(second, third)).toBeLessThan(0);
    expect(third.wall).toBe(1_000);
  });

  it('after receiving a remote stamp, the next local stamp sorts after it', () => {
    const clock = new HybridClock('a', () => 1_000);
    const remote = { wall: 2_000, counter: 7, node: 'b' };
    clock.receive(remote);
    expect(compareHlc(clock.now(), remote)).toBeGreaterThan(0);
  });

  it('refuses a remote clock further ahead than the drift bound, with a clock_skew message', () => {
    const clock = new HybridClock('a', () => 0);
    expect(() => clock.receive({ wall: MAX_DRIFT_MS + 1, counter: 0, node: 'b' })).toThrow(ClockDriftError);
    expect(() => clock.receive({ wall: MAX_DRIFT_MS + 1, counter: 0, node: 'b' })).toThrow(/clock_skew/);
    expect(() => clock.receive({ wall: MAX_DRIFT_MS, counter: 0, node: 'b' })).not.toThrow();
  });

  it('the encoded text sorts exactly as the clocks compare', () => {
    const hlc = fc.record({ wall: fc.integer({ min: 0, max: 2 ** 47 }), counter: fc.integer({ min: 0, max: 0xffff }), node: fc.stringMatching(/^[a-z0-9-]{1,12}$/) });
    fc.assert(
      fc.property(hlc, hlc, (a, b) => {
        const byText = encodeHlc(a) < encodeHlc(b) ? -1 : encodeHlc(a) > encodeHlc(b) ? 1 : 0;
        const byClock = Math.sign(compareHlc(a, b));
        return byText === byClock && decodeHlc(encodeHlc(a)).wall === a.wall;
      }),
    );
  });

  it('rejects unsafe node ids', () => {
    expect(() => new HybridClock('has space')).toThrow(/node id/);
  });
});

describe('a device whose clock ran far fast', () => {
  it('re-anchors to the wall clock once it is corrected, so new stamps are not refused as skewed', () => {
    let wall = Date.parse('2026-03-02T10:00:00Z');
    const clock = new HybridClock('a', () => wall);
    const fast = clock.now();
    wall -= 60 * 60_000; // the clock is corrected back by an hour
    const next = clock.now();
    expect(next.wall).toBe(wall);
    expect(fast.wall - next.wall).toBe(60 * 60_000);
  });

  it('a small step back keeps the clock monotonic', () => {
    let wall = 10_000_000;
    const clock = new HybridClock('a', () => wall);
    const first = clock.now();
    wall -= MAX_DRIFT_MS;
    expect(compareHlc(clock.now(), first)).toBeGreaterThan(0);
  });
});
