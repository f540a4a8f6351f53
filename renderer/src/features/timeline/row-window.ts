// The rows of a fixed-height list that are in view. Offsets are arithmetic (index × row height; at most one row,
// the expanded one, is taller), so a new row or a longer list costs nothing: a general virtualiser keeps one
// measurement per row and rebuilds all 100,000 of them whenever the count changes.
import { useLayoutEffect, useState, type RefObject } from 'react';

/**
 * `start`: the row's top from the list's top; `end`: its bottom from the list's bottom. A newest-first list places
 * rows by `end`, which a row added at the top leaves unchanged for every other row, so an entry logged restyles one
 * row rather than every row in view.
 */
export interface WindowItem { index: number; start: number; end: number; height: number }
/** The one row taller than the rest, by index. */
export interface TallRow { index: number; height: number }

/** Pure: which rows to render for a viewport, and the list's total height. */
export function rowWindow(count: number, rowHeight: number, tall: TallRow | null, top: number, height: number, overscan: number): { total: number; items: WindowItem[] } {
  const extra = tall && tall.index >= 0 && tall.index < count ? tall.height - rowHeight : 0;
  const tallIndex = extra ? (tall as TallRow).index : -1;
  const start = (i: number) => i * rowHeight + (tallIndex >= 0 && i > tallIndex ? extra : 0);
  const indexAt = (y: number) => {
    if (tallIndex < 0 || y < start(tallIndex) + rowHeight + extra) return Math.min(Math.floor(y / rowHeight), tallIndex >= 0 ? tallIndex : Infinity);
    return Math.floor((y - extra) / rowHeight);
  };
  const first = Math.max(0, indexAt(Math.max(0, top)) - overscan);
  const last = Math.min(count - 1, indexAt(Math.max(0, top + height)) + overscan);
  const total = count * rowHeight + extra;
  const items: WindowItem[] = [];
  for (let i = first; i <= last; i++) {
    const rowTop = start(i);
    const h = i === tallIndex ? rowHeight + extra : rowHeight;
    items.push({ index: i, start: rowTop, end: total - rowTop - h, height: h });
  }
  return { total, items };
}

/** The scroll element's viewport (scroll position and height), kept current. */
export function useViewport(ref: RefObject<HTMLElement | null>): { top: number; height: number } {
  const [viewport, setViewport] = useState({ top: 0, height: 800 });
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return undefined;
    const update = () => setViewport((v) => (v.top === el.scrollTop && v.height === el.clientHeight ? v : { top: el.scrollTop, height: el.clientHeight }));
    update();
    el.addEventListener('scroll', update, { passive: true });
    const resize = new ResizeObserver(update);
    resize.observe(el);
    return () => { el.removeEventListener('scroll', update); resize.disconnect(); };
  }, [ref]);
  return viewport;
}
