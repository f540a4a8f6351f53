// Hybrid logical clock: wall ms + counter + node id, totally ordered, with a bound on how far ahead a peer may be.

export interface Hlc {
  wall: number;
  counter: number;
  node: string;
}

/** How far a remote clock may run ahead of ours before we refuse it (a laptop with a wrong date). */
export const MAX_DRIFT_MS = 5 * 60_000;
const MAX_COUNTER = 0xffff;

export class ClockDriftError extends Error {
  constructor(readonly remoteWall: number, readonly localWall: number) {
    super(`clock_skew: remote clock is ${Math.round((remoteWall - localWall) / 1000)} s ahead of this device (limit ${MAX_DRIFT_MS / 1000} s)`);
    this.name = 'ClockDriftError';
  }
}

/** Fixed-width text form whose lexicographic order is the clock order: "001764312345678-0000-node". */
export function encodeHlc(hlc: Hlc): string {
  return `${hlc.wall.toString().padStart(15, '0')}-${hlc.counter.toString(16).padStart(4, '0')}-${hlc.node}`;
}

const HLC_PATTERN = /^(\d{15})-([0-9a-f]{4})-(.+)$/;

export function isEncodedHlc(text: string): boolean {
  return HLC_PATTERN.test(text);
}

export function decodeHlc(text: string): Hlc {
  const match = HLC_PATTERN.exec(text);
  if (!match) throw new Error(`not a hybrid logical clock value: "${text}"`);
  return { wall: Number(match[1]), counter: parseInt(match[2] as string, 16), node: match[3] as string };
}

export function compareHlc(a: Hlc, b: Hlc): number {
  if (a.wall !== b.wall) return a.wall - b.wall;
  if (a.counter !== b.counter) return a.counter - b.counter;
  return a.node < b.node ? -1 : a.node > b.node ? 1 : 0;
}

/**
 * A device's clock. `now()` stamps a local event; `receive()` merges a remote stamp so that our next
 * stamp sorts after everything we have seen, refusing stamps further ahead than MAX_DRIFT_MS.
 */
export class HybridClock {
  private last: Hlc;

  constructor(readonly node: string, private readonly wallClock: () => number = Date.now, start?: Hlc) {
    if (!/^[A-Za-z0-9_.:-]{1,64}$/.test(node)) throw new Error(`HLC node id must be 1-64 safe characters, got "${node}"`);
    this.last = start ? { ...start, node } : { wall: 0, counter: 0, node };
  }

  current(): Hlc {
    return { ...this.last };
  }

  now(): Hlc {
    const physical = this.wallClock();
    // A stamp saved while this device's clock ran far fast would keep every new event ahead of the drift
    // bound (refused by the server) until real time caught up: re-anchor to the wall clock instead.
    if (this.last.wall - physical > MAX_DRIFT_MS) this.last = { wall: physical, counter: 0, node: this.node };
    else if (physical > this.last.wall) this.last = { wall: physical, counter: 0, node: this.node };
    else this.last = this.bump(this.last.wall, this.last.counter + 1);
    return { ...this.last };
  }

  receive(remote: Hlc): Hlc {
    const physical = this.wallClock();
    if (remote.wall - physical > MAX_DRIFT_MS) throw new ClockDriftError(remote.wall, physical);
    const wall = Math.max(physical, this.last.wall, remote.wall);
    let counter = 0;
    if (wall === this.last.wall && wall === remote.wall) counter = Math.max(this.last.counter, remote.counter) + 1;
    else if (wall === this.last.wall) counter = this.last.counter + 1;
    else if (wall === remote.wall) counter = remote.counter + 1;
    this.last = this.bump(wall, counter);
    return { ...this.last };
  }

  private bump(wall: number, counter: number): Hlc {
    // Counter overflow means >65k events in one ms: move the logical wall forward instead.
    if (counter > MAX_COUNTER) return { wall: wall + 1, counter: 0, node: this.node };
    return { wall, counter, node: this.node };
  }
}
