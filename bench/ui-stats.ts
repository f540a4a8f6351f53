// Summary statistics for the UI bench: median, p95 and max of a sample, rounded for printing and JSON.
export interface Summary { n: number; median: number; p95: number; p99: number; max: number }

export function pct(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
}

const r2 = (x: number) => Math.round(x * 100) / 100;

export function summary(xs: readonly number[]): Summary {
  return { n: xs.length, median: r2(pct(xs, 50)), p95: r2(pct(xs, 95)), p99: r2(pct(xs, 99)), max: r2(xs.length ? Math.max(...xs) : NaN) };
}

export const ms = (x: number) => `${x.toFixed(1)} ms`;
export const line = (s: Summary) => `median ${ms(s.median)}, p95 ${ms(s.p95)}, p99 ${ms(s.p99)}, max ${ms(s.max)} (n=${s.n})`;
