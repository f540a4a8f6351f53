// The reading context every section reader writes to: where each value came from, what is missing, what is wrong.
import type { FlaggedValue, ImportProblem } from './problems';
import type { Item } from './tree';

export class ReadContext {
  /** Plan path ("severities[0].responseTarget") -> the 1-based line the value was read from. */
  readonly sources: Record<string, number> = {};
  readonly flags: FlaggedValue[] = [];
  readonly problems: ImportProblem[] = [];
  /** Lines a reader took a time from; times on other lines are reported as times the plan does not run. */
  readonly timesUsed = new Set<number>();

  /** Record where a value came from and hand it back, so readers build values and sources in one expression. */
  at<T>(path: string, line: number, value: T): T {
    this.sources[path] = line;
    return value;
  }

  /** A list of item texts, each element's source recorded. */
  texts(path: string, items: Item[]): string[] {
    return items.map((item, i) => this.at(`${path}[${i}]`, item.line, item.text));
  }

  /** A value the document does not state: recorded as flagged, returned as the empty value the draft holds. */
  missing<T>(path: string, line: number, empty: T, label: string, fix: string, stated?: string): T {
    this.flags.push({ path, line, label, fix, ...(stated !== undefined ? { stated } : {}) });
    return empty;
  }

  /** A line a time was read from as a value (so it is not reported as a time the plan does not run). */
  usedTime(line: number, _words?: string): void {
    this.timesUsed.add(line);
  }

  warn(line: number, message: string, fix: string): void {
    this.problems.push({ level: 'warning', line, message, fix });
  }

  error(line: number, message: string, fix: string): void {
    this.problems.push({ level: 'error', line, message, fix });
  }
}

/** Ids unique within one list: "create-ticket", "create-ticket-2". */
export function uniqueIds(): (base: string) => string {
  const seen = new Map<string, number>();
  return (base) => {
    const b = base || 'item';
    const n = (seen.get(b) ?? 0) + 1;
    seen.set(b, n);
    return n === 1 ? b : `${b}-${n}`;
  };
}
