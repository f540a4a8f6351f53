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
async function until(what: string, check: () => Promise<boolean>, limitMs = 600_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`bench: ${what} did not happen within ${limitMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export interface BrowserFigures {
  writeToVisibleMedianMs: number;
  writeToVisibleP95Ms: number;
  offline10kConvergeMs: number;
}

/** `invite`: good for two joins on the server at `url` (which serves the bench console). */
export async function browserPath(url: string, invite: string, samples: number, offlineEvents: number): Promise<BrowserFigures> {
  const executablePath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
  const browser = await chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const a = await console_(browser, url, 'Alex', invite);
    const b = await console_(browser, url, 'Sam', invite);
    const title = 'Sync bench incident';
    await declareP1(a, title);
    const incidentId = await a.evaluate(() => (window as unknown as WithHook).__incidentSyncBench.openIncidentId());
    if (!incidentId) throw new Error('bench: no incident open on the first console');
    await b.getByRole('button', { name: title }).click({ timeout: 120_000 });
    await b.getByRole('textbox', { name: 'Timeline entry' }).waitFor();

    // Write-to-visible: the keydown of Enter on A (its own clock) to the entry's text in B's DOM (B's clock: one machine).
    await a.evaluate(() => {
      document.addEventListener('keydown', (e) => {
        if (e.key === 'Enter') (window as unknown as { __enterAt: number }).__enterAt = Date.now();
      }, { capture: true });
    });
    const box = a.getByRole('textbox', { name: 'Timeline entry' });
    const latencies: number[] = [];
    for (let i = 0; i < samples; i++) {
      const text = `visible ${i} ${Math.random().toString(36).slice(2, 8)}`;
      const seen = b.evaluate((wanted) => new Promise<number>((resolve) => {
        const found = () => document.body.innerText.includes(wanted);
        if (found()) return resolve(Date.now());
        const observer = new MutationObserver(() => {
          if (found()) {
            observer.disconnect();
            resolve(Date.now());
          }
        });
        observer.observe(document.body, { childList: true, subtree: true, characterData: true });
      }), text);
      await box.fill(text);
      await box.press('Enter');
      const seenAt = await seen;
      const enterAt = await a.evaluate(() => (window as unknown as { __enterAt: number }).__enterAt);
      latencies.push(seenAt - enterAt);
    }

    // Offline converge: A logs `offlineEvents` entries through the app's write path while offline, then reconnects.
    const hookOf = (p: Page) => ({
      events: () => p.evaluate(() => (window as unknown as WithHook).__incidentSyncBench.eventCount()),
      outbox: () => p.evaluate(() => (window as unknown as WithHook).__incidentSyncBench.outboxCount()),
    });
    await until('the first console to push everything', async () => (await hookOf(a).outbox()) === 0);
    const before = await hookOf(b).events();
    await a.context().setOffline(true);
    await a.evaluate(([id, n]) => (window as unknown as WithHook).__incidentSyncBench.logEntries(id as string, n as number), [incidentId, offlineEvents] as const);
    const t0 = Date.now();
    await a.context().setOffline(false);
    await until('the offline console to converge', async () => (await hookOf(a).outbox()) === 0 && (await hookOf(b).events()) >= before + offlineEvents);
    const offline10kConvergeMs = Date.now() - t0;
    return {
      writeToVisibleMedianMs: pct(latencies, 50),
      writeToVisibleP95Ms: pct(latencies, 95),
      offline10kConvergeMs,
    };
  } finally {
    await browser.close();
  }
}
