// CPU profiles for the UI bench (Chromium's CDP profiler): record a phase, keep a short summary of where the
// time went (self time per function, and the app's own functions by total time). Enabled with --profile.
import type { CDPSession, Page } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[]; hitCount?: number }
interface Profile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number }

export class Profiler {
  private session: CDPSession | null = null;
  constructor(private page: Page, private readonly enabled: boolean, private readonly outDir: string) {}

  /** Profile another page from now on (the bench opens new pages for cold opens). */
  retarget(page: Page): void {
    this.page = page;
    this.session = null;
  }

  async start(): Promise<void> {
    if (!this.enabled) return;
    this.session ??= await this.page.context().newCDPSession(this.page);
    await this.session.send('Profiler.enable');
    await this.session.send('Profiler.setSamplingInterval', { interval: 200 });
    await this.session.send('Profiler.start');
  }

  /** Stops the recording and writes `<name>.txt` (summary) and `<name>.cpuprofile` (open in DevTools). */
  async stop(name: string): Promise<string | null> {
    if (!this.enabled || !this.session) return null;
    const { profile } = await this.session.send('Profiler.stop') as { profile: Profile };
    mkdirSync(this.outDir, { recursive: true });
    writeFileSync(`${this.outDir}/${name}.cpuprofile`, JSON.stringify(profile));
    const text = summarise(name, profile);
    writeFileSync(`${this.outDir}/${name}.txt`, text);
    return text;
  }
}

const label = (n: ProfileNode) => {
  const file = n.callFrame.url.split('/').pop() ?? '';
  return `${n.callFrame.functionName || '(anonymous)'} ${file}:${n.callFrame.lineNumber + 1}`;
};

function summarise(name: string, profile: Profile): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    if (!node) continue;
    self.set(label(node), (self.get(label(node)) ?? 0) + us);
    // Total time: each distinct function on the sample's stack counts once.
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const n = byId.get(cur);
      if (!n) break;
      const l = label(n);
      if (seen.has(l)) continue;
      seen.add(l);
      inclusive.set(l, (inclusive.get(l) ?? 0) + us);
    }
  }
  const top = (m: Map<string, number>, k: number, filter: (l: string) => boolean = () => true) => [...m.entries()]
    .filter(([l]) => filter(l)).sort((a, b) => b[1] - a[1]).slice(0, k)
    .map(([l, us]) => `  ${(us / 1000).toFixed(1).padStart(8)} ms ${((100 * us) / total).toFixed(1).padStart(5)} %  ${l}`);
  const isApp = (l: string) => !/^\((idle|program|garbage collector|root)\)/.test(l) && !l.includes('(anonymous) :');
  return [`profile ${name}: ${(total / 1000).toFixed(0)} ms sampled`, 'self time:', ...top(self, 18),
    'total time (functions on the stack):', ...top(inclusive, 18, isApp), ''].join('\n');
}
