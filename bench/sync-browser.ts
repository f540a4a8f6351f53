// The real browser path of bench:sync: two Chromium pages running the console (Dexie, the sync engine, the
// UI) against a sync server. Write-to-visible: Enter in one console until the entry is on the other's screen.
// Offline converge: one console logs 10,000 entries offline, then reconnects, until the other holds them all.
import { chromium, type Browser, type Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { connectToServer, declareP1, firstRun } from '../test/e2e/core-steps';

const configFile = fileURLToPath(new URL('../renderer/vite.config.ts', import.meta.url));
/** Its own output dir: bench:ui builds into dist/bench and may run in the same window. */
export const BROWSER_BENCH_WEB_DIR = fileURLToPath(new URL('../dist/bench-sync', import.meta.url));

/** The console in bench mode (with the page hook window.__incidentSyncBench), built once per run. */
export async function buildBenchConsole(): Promise<string> {
  await build({ configFile, mode: 'bench', logLevel: 'warn', build: { outDir: BROWSER_BENCH_WEB_DIR, emptyOutDir: true, sourcemap: false } });
  return BROWSER_BENCH_WEB_DIR;
}

interface SyncBenchHook {
  logEntries(incidentId: string, n: number): Promise<void>;
  eventCount(): Promise<number>;
  outboxCount(): Promise<number>;
  openIncidentId(): string | null;
}
type WithHook = { __incidentSyncBench: SyncBenchHook };

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] as number;
};

async function console_(browser: Browser, url: string, name: string, invite: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: url, viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript('window.__name = (f) => f;'); // tsx keeps function names with a helper absent in the page
  await page.goto('/');
  await page.waitForFunction(() => '__incidentSyncBench' in window);
  await firstRun(page, name);
  await connectToServer(page, name, invite, 120_000);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Incidents' }).click();
  return page;
}

/** Poll (bounded) until the condition holds in Node. */
export async function until(what: string, check: () => Promise<boolean>, limitMs = 600_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`bench: ${what} did not happen within ${limitMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export interface BrowserFigures {
  /** Enter on A to the entry's row inserted in B's timeline DOM (no layout forced), and to the frame after it. */
  visible: Latency;
  painted: Latency;
  offline10kConvergeMs: number;
}

export interface Latency { median: number; p95: number; p99: number; n: number }

export function latency(xs: number[]): Latency {
  const r1 = (x: number) => Math.round(x * 10) / 10;
  return { median: r1(pct(xs, 50)), p95: r1(pct(xs, 95)), p99: r1(pct(xs, 99)), n: xs.length };
}

/**
 * In the page: resolves when a node added under the timeline's list carries `wanted` (textContent of the added
 * nodes only: nothing forces layout), with the wall time then and at the next animation frame (painted).
 */
export function watchForText(wanted: string): Promise<{ dom: number; frame: number }> {
  const now = () => performance.timeOrigin + performance.now();
  return new Promise((resolve) => {
    const observer = new MutationObserver((records) => {
      for (const r of records) {
        for (const n of r.addedNodes) {
          if (!(n.textContent ?? '').includes(wanted)) continue;
          observer.disconnect();
          const dom = now();
          requestAnimationFrame(() => resolve({ dom, frame: now() }));
          return;
        }
      }
    });
    observer.observe(document.body, { childList: true, subtree: true });
  });
}

/** In the page: the timeline's own count of what it holds (M of "N of M shown"; 0 while older entries load). */
export function timelineCount(): number {
  const text = document.querySelector('section[aria-label="Timeline"] [aria-live="polite"]')?.textContent ?? '';
  const m = /of ([\d,.\s\u00a0\u202f]+) shown/.exec(text);
  return m ? Number((m[1] ?? '').replace(/[^\d]/g, '')) : 0;
}

/** In the page: resolves once the timeline holds `count` rows (its own "N of M shown"), checked each frame. */
export function timelineReaches(count: number): Promise<number> {
  const held = () => {
    const text = document.querySelector('section[aria-label="Timeline"] [aria-live="polite"]')?.textContent ?? '';
    const m = /of ([\d,.\s\u00a0\u202f]+) shown/.exec(text);
    return m ? Number((m[1] ?? '').replace(/[^\d]/g, '')) : 0;
  };
  return new Promise((resolve) => {
    const check = () => (held() >= count ? resolve(performance.timeOrigin + performance.now()) : requestAnimationFrame(check));
    check();
  });
}

/** `invite`: good for two joins on the server at `url` (which serves the bench console). */
export async function browserPath(url: string, invite: string, samples: number, offlineEvents: number): Promise<BrowserFigures> {
  const executablePath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  try {
    const a = await console_(browser, url, 'Alex', invite);
    const b = await console_(browser, url, 'Sam', invite);
    const title = 'Sync bench incident';
    await declareP1(a, title);
    const incidentId = await a.evaluate(() => (window as unknown as WithHook).__incidentSyncBench.openIncidentId());
    if (!incidentId) throw new Error('bench: no incident open on the first console');
    await b.getByRole('button', { name: title }).click({ timeout: 120_000 });
    await b.getByRole('textbox', { name: 'Timeline entry' }).waitFor();

    // Write-to-visible: the keydown of Enter on A (its own clock) to the entry's row in B's DOM (B's clock: one machine).
    await a.evaluate(() => {
      document.addEventListener('keydown', (e) => {
        if (e.key === 'Enter') (window as unknown as { __enterAt: number }).__enterAt = performance.timeOrigin + performance.now();
      }, { capture: true });
    });
    const box = a.getByRole('textbox', { name: 'Timeline entry' });
    const visible: number[] = [];
    const painted: number[] = [];
    for (let i = 0; i < samples; i++) {
      const text = `visible ${i} ${Math.random().toString(36).slice(2, 8)}`;
      const seen = b.evaluate(watchForText, text);
      await box.fill(text);
      await box.press('Enter');
      const at = await seen;
      const enterAt = await a.evaluate(() => (window as unknown as { __enterAt: number }).__enterAt);
      visible.push(at.dom - enterAt);
      painted.push(at.frame - enterAt);
    }

    // Offline converge: A logs `offlineEvents` entries through the app's write path while offline, then reconnects;
    // done when the server holds them all (A's outbox empty) and BOTH screens show every entry.
    const hookOf = (p: Page) => ({
      outbox: () => p.evaluate(() => (window as unknown as WithHook).__incidentSyncBench.outboxCount()),
    });
    await until('the first console to push everything', async () => (await hookOf(a).outbox()) === 0);
    await until('both timelines to hold the same rows', async () => (await a.evaluate(timelineCount)) === (await b.evaluate(timelineCount)));
    const expected = (await b.evaluate(timelineCount)) + offlineEvents;
    await a.context().setOffline(true);
    await a.evaluate(([id, n]) => (window as unknown as WithHook).__incidentSyncBench.logEntries(id as string, n as number), [incidentId, offlineEvents] as const);
    const t0 = Date.now();
    await a.context().setOffline(false);
    await Promise.all([
      until('the offline console to push everything', async () => (await hookOf(a).outbox()) === 0),
      a.evaluate(timelineReaches, expected),
      b.evaluate(timelineReaches, expected),
    ]);
    const offline10kConvergeMs = Date.now() - t0;
    return { visible: latency(visible), painted: latency(painted), offline10kConvergeMs };
  } finally {
    await browser.close();
  }
}
