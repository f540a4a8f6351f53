// In-page measurements of the UI bench. Each function is passed to page.evaluate, so it is self-contained
// (no imports, no closures over this module) and reads the console only through its accessible names.

/**
 * Enter to visible, per entry: the entry is typed, then submitted at the start of a frame (the worst phase).
 * - visible: submit until the entry is in the timeline's DOM with layout done (the main-thread work that must
 *   fit in one frame for the entry to show in the next one);
 * - frame: submit until the next animation frame after that (16.7 ms = on screen in the very next frame);
 * - stored: submit until the row no longer shows as pending (the write committed and the stored state is shown).
 */
export async function enterLatency(samples: number): Promise<{ visible: number[]; frame: number[]; stored: number[]; lost: number }> {
  const input = document.querySelector<HTMLInputElement>('input[aria-label="Timeline entry"]');
  const list = document.querySelector('[aria-label="Timeline entries"]');
  if (!input || !list || !input.form) throw new Error('console not found');
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
  const frame = () => new Promise<number>((r) => requestAnimationFrame((t) => r(t)));
  const rowWith = (text: string) => [...list.querySelectorAll<HTMLElement>('[role="listitem"]')].find((el) => (el.textContent ?? '').includes(text));
  const until = (test: () => boolean) => new Promise<number>((resolve) => {
    if (test()) { resolve(performance.now()); return; }
    const observer = new MutationObserver(() => { if (test()) { observer.disconnect(); resolve(performance.now()); } });
    observer.observe(list, { childList: true, subtree: true, characterData: true, attributes: true });
  });
  const out = { visible: [] as number[], frame: [] as number[], stored: [] as number[], lost: 0 };
  for (let i = 0; i < samples; i++) {
    const text = `bench entry ${i} ${Math.random().toString(36).slice(2, 8)}`;
    setValue?.call(input, text);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await frame();
    await frame();
    const start = performance.now();
    const seen = until(() => { const row = rowWith(text); if (!row) return false; row.getBoundingClientRect(); return true; });
    input.form.requestSubmit();
    const visibleAt = await seen;
    await frame();
    const frameAt = performance.now();
    const storedAt = await until(() => { const row = rowWith(text); return !!row && !row.querySelector('[data-pending]') && !row.matches('[data-pending]'); });
    out.visible.push(visibleAt - start);
    out.frame.push(frameAt - start);
    out.stored.push(storedAt - start);
  }
  return out;
}

/**
 * Opens an incident from the list; ms from the click until the console is usable, the next frame after, and until
 * every entry is in (a console opened newest first says "loading older entries" until then).
 */
export async function openConsole(title: string): Promise<{ usable: number; framed: number; complete: number }> {
  const button = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === title);
  if (!button) throw new Error(`no incident "${title}" in the list`);
  const usable = () => !!document.querySelector('[aria-label="Timeline entries"] [role="listitem"]')
    && !!document.querySelector('input[aria-label="Timeline entry"]')
    && !!document.querySelector('[aria-label="Incident status"] h2')
    && !!document.querySelector('section[aria-label="Clocks"]')
    && !!document.querySelector('section[aria-label="Steps"] li, section[aria-label="Steps"] input[type="checkbox"]')
    && !!document.querySelector('section[aria-label="Roles"]');
  const start = performance.now();
  const ready = new Promise<number>((resolve) => {
    const observer = new MutationObserver(() => { if (usable()) { observer.disconnect(); resolve(performance.now()); } });
    observer.observe(document.body, { childList: true, subtree: true });
  });
  button.click();
  const usableAt = await ready;
  await new Promise<void>((r) => requestAnimationFrame(() => r()));
  const framed = performance.now() - start;
  const loading = () => (document.querySelector('[aria-label="Timeline entries"]')?.closest('section')?.textContent ?? document.body.textContent ?? '').includes('loading older entries');
  const completeAt = await new Promise<number>((resolve) => {
    if (!loading()) { resolve(performance.now()); return; }
    const observer = new MutationObserver(() => { if (!loading()) { observer.disconnect(); resolve(performance.now()); } });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  });
  return { usable: usableAt - start, framed, complete: completeAt - start };
}

/** Frame intervals: `scroll` px per frame down the timeline (0: an idle baseline). */
export async function frameTimes([frames, scroll]: [number, number]): Promise<{ deltas: number[]; rowsScrolledPast: number }> {
  const scroller = document.querySelector('[aria-label="Timeline entries"]')?.parentElement;
  if (!scroller) throw new Error('timeline scroller not found');
  scroller.scrollTop = 0;
  const deltas: number[] = [];
  let last = performance.now();
  for (let i = 0; i < frames; i++) {
    scroller.scrollTop += scroll;
    await new Promise<void>((r) => requestAnimationFrame(() => r()));
    const now = performance.now();
    deltas.push(now - last);
    last = now;
  }
  const rowsScrolledPast = Math.round(scroller.scrollTop / 36);
  scroller.scrollTop = 0;
  return { deltas, rowsScrolledPast };
}

/** Installed before the app loads: when the incident list is on screen, and the frame after (ms from navigation). */
export const FIRST_LOAD_PROBE = `window.__incidentList = new Promise((resolve) => {
  const found = () => [...document.querySelectorAll('h1, h2')].some((h) => h.textContent === 'Active incidents');
  const done = () => { const dom = performance.now(); requestAnimationFrame(() => resolve({ dom, frame: performance.now() })); };
  const observer = new MutationObserver(() => { if (found()) { observer.disconnect(); done(); } });
  document.addEventListener('DOMContentLoaded', () => { if (found()) done(); else observer.observe(document.body, { childList: true, subtree: true }); });
});`;
