// Where a bench writes its figures: bench-results/<name>.json, the file the README's tables come from; a smoke run
// (BENCH_QUICK=1) writes bench-results/<name>.quick.json instead (ignored by git), so its figures never pass for the issue's.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('../bench-results', import.meta.url));

/** Write `figures` as JSON; returns the path relative to the repository, for the bench to print. */
export function writeResults(name: string, quick: boolean, figures: unknown): string {
  const file = `${name}${quick ? '.quick' : ''}.json`;
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}/${file}`, `${JSON.stringify(figures, null, 2)}\n`);
  return `bench-results/${file}`;
}
