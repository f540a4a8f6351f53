// UI bench: builds the renderer in bench mode, seeds an incident with 100,000 timeline entries into
// IndexedDB in Chromium, and prints time to interactive, Enter-to-visible latency and scroll frame times.
// Figures only, no assertions. Usage: npm run bench:ui [-- --entries 100000 --samples 200]
import { chromium, type Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build, preview } from 'vite';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const ENTRIES = arg('entries', 100_000);
const SAMPLES = arg('samples', 200);
const PORT = arg('port', 4399);
const configFile = fileURLToPath(new URL('../renderer/vite.config.ts', import.meta.url));
const outDir = fileURLToPath(new URL('../dist/bench', import.meta.url));

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const ms = (x: number) => `${x.toFixed(1)} ms`;

async function openIncident(page: Page, title: string): Promise<void> {
  await page.getByRole('button', { name: title }).click();
  await page.getByRole('list', { name: 'Timeline entries' }).getByRole('listitem').first().waitFor();
  await page.getByRole('textbox', { name: 'Timeline entry' }).waitFor();
}

async function main(): Promise<void> {
  console.log(`bench:ui — ${ENTRIES.toLocaleString()} entries, ${SAMPLES} Enter samples`);
  await build({ configFile, mode: 'bench', logLevel: 'warn', build: { outDir, emptyOutDir: true, sourcemap: false } });
  const server = await preview({ configFile, mode: 'bench', logLevel: 'warn', build: { outDir }, preview: { port: PORT, strictPort: true, host: '127.0.0.1' } });
  const url = `http://127.0.0.1:${PORT}/`;
  const executablePath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    // tsx keeps function names with a __name helper that does not exist inside the page.
    await page.addInitScript('window.__name = (f) => f;');
    if (process.env.BENCH_DEBUG) page.on('console', (m) => { if (m.text().startsWith('PERF')) console.log(m.text()); });
    await page.goto(url);
    await page.waitForFunction(() => '__incidentBench' in window);
    await page.evaluate(() => (window as unknown as { __incidentBench: { setName(n: string): Promise<void> } }).__incidentBench.setName('Bench'));
    const title = 'Bench incident';
    const seedStart = Date.now();
    const seededId = await page.evaluate(([t, n]) => (window as unknown as { __incidentBench: { seedIncident(t: string, n: number): Promise<string> } }).__incidentBench.seedIncident(t, n), [title, ENTRIES] as const);
    if (process.env.BENCH_DEBUG) console.log('loads', await page.evaluate((id) => (window as unknown as { __incidentBench: { timeLoads(i: string): Promise<unknown> } }).__incidentBench.timeLoads(id), seededId));
    console.log(`seeded ${ENTRIES.toLocaleString()} entries into IndexedDB in ${((Date.now() - seedStart) / 1000).toFixed(1)} s`);

    // Time to interactive: a fresh load until the list is usable, then until the console shows the timeline.
    // The first open reads every row (and stores a snapshot a few seconds later); the second open uses it.
    let t0 = Date.now();
    await page.goto(url, { waitUntil: 'commit' });
    await openIncident(page, title);
    console.log(`first open after seeding (row by row, no snapshot yet): ${ms(Date.now() - t0)}`);
    await page.waitForTimeout(8000);
    t0 = Date.now();
    await page.goto(url, { waitUntil: 'commit' });
    await page.getByRole('button', { name: title }).waitFor();
    const listReady = Date.now() - t0;
    const t1 = Date.now();
    await openIncident(page, title);
    const consoleReady = Date.now() - t1;
    const breakdown = await page.evaluate(() => performance.getEntriesByType('measure')
      .filter((m) => m.name.startsWith('incident:'))
      .map((m) => ({ name: m.name, ms: m.duration, rows: (m as PerformanceMeasure).detail as number | undefined })));
    const biggest = (name: string) => breakdown.filter((m) => m.name === name).sort((a, b) => b.ms - a.ms)[0];
    const read = biggest('incident:read');
    const ingest = biggest('incident:ingest');
    const project = biggest('incident:project');
    const snapshot = biggest('incident:snapshot');
    console.log(`  of which: snapshot ${ms(snapshot?.ms ?? NaN)} (${snapshot?.rows ?? 0} events), IndexedDB rows ${ms(read?.ms ?? NaN)} (${read?.rows ?? '?'} rows), apply to doc ${ms(ingest?.ms ?? NaN)}, projection ${ms(project?.ms ?? NaN)}`);
    console.log(`time to interactive: app + incident list ${ms(listReady)}; open the 100k-entry console ${ms(consoleReady)} (total ${ms(listReady + consoleReady)})`);

    // Enter-to-visible: from the submit of the entry form to the new row being in the DOM, after the next frame.
    const latencies = await page.evaluate(async (samples) => {
      const input = document.querySelector<HTMLInputElement>('input[aria-label="Timeline entry"]');
      const list = document.querySelector('[aria-label="Timeline entries"]');
      if (!input || !list || !input.form) throw new Error('console not found');
      const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
      const frame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));
      const out: number[] = [];
      for (let i = 0; i < samples; i++) {
        const text = `bench entry ${i} ${Math.random().toString(36).slice(2, 8)}`;
        setValue?.call(input, text);
        input.dispatchEvent(new Event('input', { bubbles: true }));
        await frame();
        const start = performance.now();
        const seen = new Promise<void>((resolve) => {
          const check = () => {
            if ((list.textContent ?? '').includes(text)) { observer.disconnect(); resolve(); return true; }
            return false;
          };
          const observer = new MutationObserver(() => { check(); });
          observer.observe(list, { childList: true, subtree: true, characterData: true });
        });
        input.form.requestSubmit();
        await seen;
        await frame();
        out.push(performance.now() - start);
      }
      return out;
    }, SAMPLES);
    const patches = await page.evaluate(() => performance.getEntriesByName('incident:patch').map((m) => m.duration));
    if (patches.length) console.log(`  incremental state patch per entry: median ${ms(pct(patches, 50))}, p95 ${ms(pct(patches, 95))}`);
    console.log(`Enter-to-visible over ${latencies.length} entries: median ${ms(pct(latencies, 50))}, p95 ${ms(pct(latencies, 95))}, max ${ms(Math.max(...latencies))}`);

    // Baseline: frame intervals with nothing scrolling (what this machine gives an idle page right now).
    const idle = await page.evaluate(async () => {
      const deltas: number[] = [];
      let last = performance.now();
      for (let i = 0; i < 120; i++) {
        await new Promise<void>((r) => requestAnimationFrame(() => r()));
        const now = performance.now();
        deltas.push(now - last);
        last = now;
      }
      return deltas;
    });
    console.log(`idle frames baseline (120): median ${ms(pct(idle, 50))}, p95 ${ms(pct(idle, 95))}`);

    // Scroll frame times: scroll the timeline 120 px per frame for 600 frames, recording frame intervals.
    const frames = await page.evaluate(async () => {
      const scroller = document.querySelector('[aria-label="Timeline entries"]')?.parentElement;
      if (!scroller) throw new Error('timeline scroller not found');
      scroller.scrollTop = 0;
      const deltas: number[] = [];
      let last = performance.now();
      for (let i = 0; i < 600; i++) {
        scroller.scrollTop += 120;
        await new Promise<void>((r) => requestAnimationFrame(() => r()));
        const now = performance.now();
        deltas.push(now - last);
        last = now;
      }
      return { deltas, rowsScrolledPast: Math.round(scroller.scrollTop / 40) };
    });
    const d = frames.deltas;
    const slow = d.filter((x) => x > 1000 / 60 + 2).length;
    console.log(`scroll frames (${d.length}, ~${frames.rowsScrolledPast.toLocaleString()} rows): median ${ms(pct(d, 50))}, p95 ${ms(pct(d, 95))}, max ${ms(Math.max(...d))}, ${slow} frames over 18.7 ms`);
    const mem = await page.evaluate(() => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0);
    if (mem) console.log(`JS heap after the run: ${(mem / 1e6).toFixed(0)} MB`);
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }
}

main().catch((error: unknown) => { console.error(error); process.exit(1); });
